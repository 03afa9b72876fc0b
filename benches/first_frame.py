#!/usr/bin/env python3
"""benches/first_frame.py: how soon the reader draws, and how soon articles and entities show.

Starts `byline DIR` in a pseudo-terminal (160x48) with its own config and cache folders, reads
the screen bytes it writes, and prints the time to the first frame (the progress bar), to the
article list (articles readable) and to the entity sidebar (extraction done), then quits it.

    benches/first_frame.py DIR [--cache-dir D] [--runs N]   (run from the repository root,
                                                             after cargo build --release)
A fresh --cache-dir times a first open; the same one again times a cached reopen.
"""
import argparse, os, pty, re, select, shutil, struct, sys, tempfile, time, fcntl, termios

try:
    import pyte  # a terminal emulator: the reader redraws only changed cells, so read the screen
except ImportError:
    sys.exit("first_frame.py needs pyte: pip install pyte")

def run_once(binary, corpus, cache_dir, timeout):
    config_dir = tempfile.mkdtemp(prefix="byline-ff-")
    env = dict(os.environ, BYLINE_CONFIG_DIR=config_dir, BYLINE_CACHE_DIR=cache_dir,
               TERM="xterm-256color")
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary, corpus], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
    screen = pyte.Screen(160, 48)
    stream = pyte.ByteStream(screen)
    marks = {}
    tests = {
        "first frame": lambda s: "┌" in s,
        "articles": lambda s: re.search(r"Articles \((?!0\))[0-9]+\)", s) is not None,
        "entities": lambda s: re.search(r"Entities \((?!0\))[0-9]+\)", s) is not None,
    }
    while len(marks) < len(tests) and time.monotonic() - start < timeout:
        r, _, _ = select.select([fd], [], [], 0.05)
        if not r:
            continue
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        stream.feed(chunk)
        shown = "\n".join(screen.display)
        now = time.monotonic() - start
        for name, test in tests.items():
            if name not in marks and test(shown):
                marks[name] = now
    os.write(fd, b"q")
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    shutil.rmtree(config_dir, ignore_errors=True)
    return marks

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--cache-dir")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--binary", default="target/release/byline")
    a = ap.parse_args()
    if not os.path.isdir(a.dir):
        print(f"first_frame.py: skipping: {a.dir} is absent", file=sys.stderr)
        return
    cache = a.cache_dir or tempfile.mkdtemp(prefix="byline-ff-cache-")
    for i in range(a.runs):
        marks = run_once(a.binary, a.dir, cache, a.timeout)
        shown = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in marks.items())
        print(f"run {i + 1}: {shown}")

if __name__ == "__main__":
    main()
