# uni: the program and the library OS are one image, so one symbol file breaks in both:
# the program's main, then the shared file system's fs_read inside the library OS.
ossim-image uni/wc.elf
break main
continue
# expect: Breakpoint 1, main \(argc=2
info threads
# expect: Thread 1 "hart 0"
break fs_read
continue
# expect: Breakpoint 2, fs_read \(
bt
# expect: in main \(
delete
continue
# expect: exited normally
