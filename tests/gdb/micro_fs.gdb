# A breakpoint in micro's file-system server, by name.
ossim-server fs
monitor only fs
break fs_read
continue
# expect: "pid [0-9]+ fs \(running\)" hit Breakpoint 1, fs_read \(
bt 2
# expect: #1 .* in
delete
continue
