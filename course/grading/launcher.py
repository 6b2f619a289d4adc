"""The first process of every sandbox: it joins the sandbox's control groups, then becomes bubblewrap.

Why a process of its own: what it does must happen to the sandbox's processes and to nothing of the
grader's, and before any student code exists. Joining the control groups here, by writing its own process
id to their `cgroup.procs`, means bubblewrap and everything below it are counted from their first page;
mounting the in-memory folders here, in a mount namespace of its own, means the mounts vanish with the
sandbox (no cleanup, nothing left behind by a grader that crashes).

Run by the grader as `python -I -S launcher.py SETUP` (standard library only: no site, no course package),
with SETUP a JSON object:
- `cgroups`: `cgroup.procs` files to join (none where control groups are not used);
- `mounts`: as root, in-memory folders to mount, each `{"path", "size", "inodes"}`: a tmpfs capped in bytes
  *and* in files (`nr_inodes`: bubblewrap's `--size` caps bytes only, and 400,000 empty files cost the
  machine 300 MB of kernel memory), which bubblewrap then binds into the sandbox;
- `keyctl`: this machine's `keyctl` system call number, to give the sandbox a new, empty session keyring
  (the seccomp filter refuses keyring calls in any case; this keeps the grader's keyring out of reach even
  where there is no filter);
- `seccomp`: the filter program, hex-encoded, handed to bubblewrap (`--seccomp FD`) in a memfd;
- `argv`: bubblewrap's command.
Any failure stops here, before bubblewrap: the kernel then fails to start and the submission is reported,
rather than graded with a limit missing.
"""

import ctypes
import json
import os
import sys

CLONE_NEWNS, MS_NOSUID, MS_NODEV, MS_REC, MS_PRIVATE = 0x00020000, 2, 4, 16384, 1 << 18
KEYCTL_JOIN_SESSION_KEYRING = 1


def main(setup: dict) -> None:
    for procs in setup.get("cgroups", ()):
        with open(procs, "w") as handle:
            handle.write(str(os.getpid()))
    libc = ctypes.CDLL(None, use_errno=True)
    if setup.get("mounts"):
        libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
        _check(libc.unshare(CLONE_NEWNS), "unshare")
        _check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "mount --make-rprivate /")
        for mount in setup["mounts"]:
            options = f"size={int(mount['size'])},nr_inodes={int(mount['inodes'])},mode=1777".encode()
            _check(libc.mount(b"tmpfs", mount["path"].encode(), b"tmpfs", MS_NOSUID | MS_NODEV, options),
                   f"mount tmpfs {mount['path']}")
    if setup.get("keyctl") is not None:  # best effort: a kernel without keys, or a full key quota
        libc.syscall(ctypes.c_long(setup["keyctl"]), ctypes.c_long(KEYCTL_JOIN_SESSION_KEYRING), ctypes.c_long(0))
    argv = list(setup["argv"])
    if setup.get("seccomp"):
        fd = os.memfd_create("course-seccomp", 0)
        os.write(fd, bytes.fromhex(setup["seccomp"]))
        os.lseek(fd, 0, os.SEEK_SET)
        os.set_inheritable(fd, True)
        argv[1:1] = ["--seccomp", str(fd)]
    os.execv(argv[0], argv)


def _check(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"sandbox launcher: {what}: {os.strerror(error)}")


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
