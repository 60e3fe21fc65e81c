# A write watchpoint on a bare image's global that its timer interrupt handler changes.
ossim-image guest/test-timer.elf
watch ticks
# expect: Hardware watchpoint 1: ticks
continue
# expect: Old value = 0
# expect: New value = 1
# expect: on_trap
delete
continue
