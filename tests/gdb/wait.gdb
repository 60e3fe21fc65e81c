# --gdb-wait: after a detach the machine stays stopped where it was, for the next debugger.
stepi
stepi
set $was = $pc
detach
# expect: detached
eval "target remote 127.0.0.1:%d", $port
print $pc == $was
# expect: = 1
continue
# expect: exited normally
