.code16
.globl _start
_start:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %ss
    mov $0x7c00, %sp
    cld
    mov $0x3fb, %dx
    mov $0x80, %al
    out %al, %dx
    mov $0x3f8, %dx
    mov $1, %al
    out %al, %dx
    mov $0x3f9, %dx
    xor %al, %al
    out %al, %dx
    mov $0x3fb, %dx
    mov $3, %al
    out %al, %dx
    mov $msg, %si
print:
    lodsb
    test %al, %al
    jz echo
    call putc
    jmp print
echo:
    mov $0x3fd, %dx
1:  in %dx, %al
    test $1, %al
    jz 1b
    mov $0x3f8, %dx
    in %dx, %al
    call putc
    jmp echo
putc:
    push %ax
    mov $0x3fd, %dx
2:  in %dx, %al
    test $0x20, %al
    jz 2b
    pop %ax
    mov $0x3f8, %dx
    out %al, %dx
    ret
msg: .asciz "VIREO serial ready\r\n"
.org 510
.word 0xaa55
