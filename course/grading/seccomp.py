"""The sandbox's seccomp filter: system calls a notebook has no use for, refused by the Linux kernel.

Why: namespaces hide the machine, but some system calls reach past them. The kernel keyring is not
namespaced (a session keyring inherited from the grader is shared by every sandbox: one student could read
the grader's keys, plant one, and the next student's sandbox would read it), and calls such as `unshare`,
`mount`, `ptrace`, `perf_event_open`, `userfaultfd` or `io_uring` are where kernel exploits live. The list is
Flatpak's default filter (`common/flatpak-run.c`, `setup_seccomp`, which bubblewrap's own users rely on),
plus the keyring, module, kexec, `bpf` and `io_uring` calls Docker's default profile also refuses.

Why hand-written: bubblewrap's `--seccomp FD` takes a compiled classic-BPF program. The libseccomp
bindings are either the system Python's (Debian's python3-seccomp, not this virtual environment's) or an
unmaintained ctypes wrapper that still needs libseccomp.so at run time; the program below is a straight
list of comparisons, short enough to read and checked by the tests running the refused calls for real.

The program (`bpf_program`), for x86_64 and aarch64:
1. load `seccomp_data.arch`; any other architecture (for example 32-bit calls through `int 0x80` on x86_64)
   kills the process: its system call numbers mean other calls;
2. load `seccomp_data.nr`; on x86_64, numbers of the x32 ABI (bit 30 set) are refused;
3. each refused call: `if nr == N: return ERRNO(e)`;
4. calls refused only with some arguments (`clone` with CLONE_NEWUSER, `ioctl` TIOCSTI/TIOCLINUX,
   `personality` other than PER_LINUX): `if nr == N: load the argument's low 32 bits (little-endian on
   both machines), test it, maybe return ERRNO; reload nr`;
5. everything else is allowed.
Refusals return EPERM (ENOSYS for `clone3` and the new mount calls, so that the C library falls back to
`clone`, which the filter can inspect), as Flatpak does. On any other machine `bpf_program` returns None
and the sandbox runs without a filter (`course grade` says so in its warning line).
"""

from __future__ import annotations

import errno
import platform
import struct

#: `struct seccomp_data`: int nr; u32 arch; u64 instruction_pointer; u64 args[6]
_NR, _ARCH, _ARGS = 0, 4, 16
AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
X32_SYSCALL_BIT = 0x40000000
RET_KILL_PROCESS, RET_ERRNO, RET_ALLOW = 0x80000000, 0x00050000, 0x7FFF0000
# classic BPF opcodes: LD|W|ABS, JMP|JEQ|K, JMP|JGE|K, JMP|JSET|K, RET|K
_LD, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06

#: system call numbers (x86_64: arch/x86/entry/syscalls/syscall_64.tbl; aarch64: asm-generic/unistd.h)
SYSCALLS = {
    "x86_64": dict(
        ioctl=16, clone=56, ptrace=101, syslog=103, uselib=134, personality=135, modify_ldt=154, pivot_root=155,
        chroot=161, acct=163, mount=165, umount2=166, init_module=175, delete_module=176, quotactl=179,
        lookup_dcookie=212, mbind=237, set_mempolicy=238, get_mempolicy=239, kexec_load=246, add_key=248,
        request_key=249, keyctl=250, migrate_pages=256, unshare=272, move_pages=279, perf_event_open=298,
        name_to_handle_at=303, open_by_handle_at=304, setns=308, process_vm_readv=310, process_vm_writev=311,
        kcmp=312, finit_module=313, kexec_file_load=320, bpf=321, userfaultfd=323, io_uring_setup=425,
        io_uring_enter=426, io_uring_register=427, open_tree=428, move_mount=429, fsopen=430, fsconfig=431,
        fsmount=432, fspick=433, clone3=435, mount_setattr=442, quotactl_fd=443),
    "aarch64": dict(
        lookup_dcookie=18, ioctl=29, umount2=39, mount=40, pivot_root=41, chroot=51, quotactl=60, acct=89,
        personality=92, unshare=97, kexec_load=104, init_module=105, delete_module=106, syslog=116, ptrace=117,
        add_key=217, request_key=218, keyctl=219, clone=220, mbind=235, get_mempolicy=236, set_mempolicy=237,
        migrate_pages=238, move_pages=239, perf_event_open=241, name_to_handle_at=264, open_by_handle_at=265,
        setns=268, process_vm_readv=270, process_vm_writev=271, kcmp=272, finit_module=273, bpf=280,
        userfaultfd=282, kexec_file_load=294, io_uring_setup=425, io_uring_enter=426, io_uring_register=427,
        open_tree=428, move_mount=429, fsopen=430, fsconfig=431, fsmount=432, fspick=433, clone3=435,
        mount_setattr=442, quotactl_fd=443),
}

#: refused whatever their arguments (a name missing on a machine, e.g. `uselib` on aarch64, is skipped)
DENIED = (
    # the kernel keyring: not namespaced, so a channel between sandboxes and a way to the grader's keys
    "add_key", "request_key", "keyctl",
    # Flatpak's list
    "syslog", "uselib", "acct", "modify_ldt", "quotactl", "move_pages", "mbind", "get_mempolicy",
    "set_mempolicy", "migrate_pages", "unshare", "setns", "mount", "umount2", "pivot_root", "chroot",
    "perf_event_open", "ptrace",
    # Docker's default profile adds these
    "process_vm_readv", "process_vm_writev", "kcmp", "userfaultfd", "bpf", "lookup_dcookie",
    "name_to_handle_at", "open_by_handle_at", "init_module", "finit_module", "delete_module", "kexec_load",
    "kexec_file_load", "quotactl_fd", "io_uring_setup", "io_uring_enter", "io_uring_register",
)
#: refused with ENOSYS: the C library then falls back to an older call the filter can judge
NOT_IMPLEMENTED = ("clone3", "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr")
CLONE_NEWUSER, TIOCSTI, TIOCLINUX, PER_LINUX = 0x10000000, 0x5412, 0x541C, 0


def machine() -> str:
    return platform.machine()


def _ins(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k & 0xFFFFFFFF)


def bpf_program(arch: str | None = None) -> bytes | None:
    """The compiled filter for `arch` (default: this machine), or None on a machine it does not know."""
    arch = arch or machine()
    numbers = SYSCALLS.get(arch)
    if numbers is None:
        return None
    eperm, enosys = RET_ERRNO | errno.EPERM, RET_ERRNO | errno.ENOSYS
    out = [_ins(_LD, _ARCH), _ins(_JEQ, AUDIT_ARCH[arch], jt=1), _ins(_RET, RET_KILL_PROCESS), _ins(_LD, _NR)]
    if arch == "x86_64":
        out += [_ins(_JGE, X32_SYSCALL_BIT, jf=1), _ins(_RET, eperm)]
    for names, ret in ((DENIED, eperm), (NOT_IMPLEMENTED, enosys)):
        for name in names:
            if name in numbers:
                out += [_ins(_JEQ, numbers[name], jf=1), _ins(_RET, ret)]

    def when(name: int, argument: int, test: list[bytes]) -> list[bytes]:
        """`test` jumps to its last instruction + 1 (the refusal) when the call is to be refused."""
        body = [_ins(_LD, _ARGS + 8 * argument), *test, _ins(_RET, eperm), _ins(_LD, _NR)]
        return [_ins(_JEQ, numbers[name], jf=len(body)), *body]

    # clone(flags, ...): a new user namespace would give the code every capability inside it
    out += when("clone", 0, [_ins(_JSET, CLONE_NEWUSER, jf=1)])
    # ioctl(fd, request): pushing keystrokes into a terminal (CVE-2017-5226, CVE-2023-28100)
    out += when("ioctl", 1, [_ins(_JEQ, TIOCSTI, jt=1), _ins(_JEQ, TIOCLINUX, jf=1)])
    # personality(persona): only the default; no switch to another system's behaviour
    out += when("personality", 0, [_ins(_JEQ, PER_LINUX, jt=1)])
    out.append(_ins(_RET, RET_ALLOW))
    return b"".join(out)
