#!/usr/bin/env python3
"""The golden corpus runner: runs every case of tests/golden/**/*.test with a kamgr binary
and compares its stdout, stderr and exit code byte for byte with what was recorded.

usage: run.py [--kamgr PATH] [--record] [--coverage] [--jobs N] [--tmp DIR] [--keep]
              [--check-generators] [--verbose] [FILE_OR_DIR...]

  (default)           check: a unified diff for each mismatch naming file, line and case;
                      exit 1 on any mismatch
  --record            rewrite the expected sections (and `-> N`) of the given files from
                      this run, keeping everything else; review the result with git diff
  --coverage          every leaf subcommand of `kamgr --help` (recursively) must appear
                      in a `test` line under tests/golden/cases/; exit 1 naming the others
  --check-generators  generate every `fixture: generate ...` twice and compare the trees

The binary comes from --kamgr, else $KAMGR. The file format, what is normalised and why:
tests/golden/README.md.
"""
import argparse
import concurrent.futures
import difflib
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
DEFAULT_PATHS = [os.path.join(HERE, "corpus"), os.path.join(HERE, "cases")]
GENERATOR = os.path.join(HERE, "generate.py")

CR = "\u240d"          # "␍": stands for a carriage return before the end of a line
NO_EOL = "__NO_EOL__"  # the output's last line has no newline
ERROR = "__ERROR__"
END = "end test"
END_FILE = "end file"
TIMEOUT = 120          # seconds per command

# Options of kamgr itself (before or after the command words); True: takes a value.
GLOBAL_OPTIONS = {"-C": True, "--data": True, "--format": True, "--now": True, "--today": True,
                  "--as": True, "--lang": True, "--no-color": False, "-q": False,
                  "--quiet": False, "--commit": False}
# Generated record IDs: YYYYMMDD-<8 base-32> (visits, complaints), c-<6 base-32> (customers).
GEN_ID = re.compile(r"(?<![0-9A-Za-z])(?:(\d{8})-([0-9a-z]{8})|c-([0-9a-z]{6}))(?![0-9A-Za-z])")
HEX40 = re.compile(r"(?<![0-9a-f])[0-9a-f]{40}(?![0-9a-f])")
ENV_ASSIGN = re.compile(r"^[A-Z_][A-Z0-9_]*=")
EXIT_SUFFIX = re.compile(r"^(.*?)\s+->\s+(-?\d+)\s*$")  # negative: killed by that signal
PLACEHOLDER = re.compile(r"\$(DATA|TMP|TOP|KAMGR|ID\d+)\b")

# A fixed, minimal environment: no terminal, no colour, English, one time zone, no git
# configuration of the machine, a fixed git identity and dates for commits.
FIXED_ENV = {
    "LANG": "C", "TZ": "UTC", "NO_COLOR": "1", "TERM": "dumb",
    "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "golden", "GIT_AUTHOR_EMAIL": "golden@example.invalid",
    "GIT_COMMITTER_NAME": "golden", "GIT_COMMITTER_EMAIL": "golden@example.invalid",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00+00:00",
    "PYTHONHASHSEED": "0",
}
PASS_ENV = ("PATH", "KAMGR_NO_CACHE", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "MSAN_OPTIONS")


class FormatError(Exception):
    pass


# ------------------------------------------------------------------------- the file format
class Case:
    def __init__(self, line, cmd, code, out, err):
        self.line, self.cmd, self.code, self.out, self.err = line, cmd, code, out, err

    def render(self, out=None, err=None, code=None):
        out = self.out if out is None else out
        err = self.err if err is None else err
        code = self.code if code is None else code
        lines = [("test " + self.cmd if self.cmd else "test") + (" -> %d" % code if code else "")]
        lines += out
        if err:
            lines.append(ERROR)
            lines += err
        lines.append(END)
        return lines


class TestFile:
    """items: ("raw", line) | ("case", Case) | ("file", path, [lines], lineno)
    | ("op", "overlay PATH" or "reset", lineno)."""

    def __init__(self, path):
        self.path = path
        self.header = {}
        self.items = []
        with open(path, encoding="utf-8", errors="surrogateescape", newline="") as f:
            text = f.read()
        if "\r" in text.replace(CR, ""):
            raise FormatError("%s: carriage return in the file (outputs write it as %s)" % (path, CR))
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        i, seen_case = 0, False
        while i < len(lines):
            ln = lines[i]
            if ln.startswith("test ") or ln == "test" or ln.startswith("test ->"):
                seen_case = True
                start = i
                rest = " " + ln[4:]
                m = EXIT_SUFFIX.match(rest)
                cmd, code = (m.group(1).strip(), int(m.group(2))) if m else (rest.strip(), 0)
                out, err, cur = [], [], None
                cur = out
                i += 1
                while i < len(lines) and lines[i] != END:
                    if lines[i] == ERROR and cur is out:
                        cur = err
                    else:
                        cur.append(lines[i])
                    i += 1
                if i == len(lines):
                    raise FormatError("%s:%d: test without '%s'" % (path, start + 1, END))
                self.items.append(("case", Case(start + 1, cmd, code, out, err)))
            elif ln.startswith("file "):
                start, body = i, []
                i += 1
                while i < len(lines) and lines[i] != END_FILE:
                    body.append(lines[i])
                    i += 1
                if i == len(lines):
                    raise FormatError("%s:%d: file without '%s'" % (path, start + 1, END_FILE))
                self.items.append(("file", ln[5:].strip(), body, start + 1))
            elif ln.startswith("overlay ") or ln.strip() == "reset":
                self.items.append(("op", ln.strip(), i + 1))
            else:
                s = ln.strip()
                if s and not s.startswith("#"):
                    m = re.match(r"^([a-z]+):\s*(.*?)\s*(?:#.*)?$", s)
                    if not m or seen_case:
                        raise FormatError("%s:%d: unexpected line: %s" % (path, i + 1, ln))
                    self.header[m.group(1)] = m.group(2)
                self.items.append(("raw", ln))
            i += 1
        unknown = set(self.header) - {"fixture", "now", "git", "tree"}
        if unknown:
            raise FormatError("%s: unknown header %s" % (path, ", ".join(sorted(unknown))))
        if "fixture" not in self.header:
            raise FormatError("%s: no 'fixture:' header" % path)

    def cases(self):
        return [it[1] for it in self.items if it[0] == "case"]

    def write(self, results, tree=None):
        """results: {id(case): (out, err, code)}; cases without a result are kept.
        tree: the digest of a generated fixture, kept in a `tree:` header line."""
        lines = []
        for it in self.items:
            if it[0] == "raw":
                if tree and re.match(r"^tree:", it[1]):
                    continue
                lines.append(it[1])
                if tree and re.match(r"^fixture:", it[1]):
                    lines.append("tree: %s" % tree)
            elif it[0] == "file":
                lines += ["file " + it[1]] + it[2] + [END_FILE]
            elif it[0] == "op":
                lines.append(it[1])
            else:
                r = results.get(id(it[1]))
                lines += it[1].render(*r) if r else it[1].render()
        with open(self.path, "w", encoding="utf-8", errors="surrogateescape", newline="") as f:
            f.write("\n".join(lines) + "\n")


def serialise(data):
    """Bytes of one output stream -> the lines stored in a test file."""
    text = data.decode("utf-8", errors="surrogateescape")
    if not text:
        return []
    if CR in text:
        raise FormatError("output contains %s, which the format uses for a carriage return" % CR)
    parts = text.split("\n")
    eol = parts[-1] == ""
    if eol:
        parts.pop()
    lines = [p[:-1] + CR if p.endswith("\r") else p for p in parts]
    if not eol:
        lines.append(NO_EOL)
    for ln in lines:
        if ln in (ERROR, END):
            raise FormatError("output line %r cannot be stored" % ln)
    return lines


# ------------------------------------------------------------------------------- fixtures
class Fixtures:
    """Prepared fixture trees (copied, generated, committed to git), made once per run."""

    def __init__(self, root, kamgr, env):
        self.root, self.kamgr, self.env = root, kamgr, env
        self.lock = threading.Lock()
        self.locks = {}
        self.done = {}
        self.trees = {}
        self.n = 0

    def get(self, spec, use_git):
        key = (spec, use_git)
        with self.lock:
            lk = self.locks.setdefault(key, threading.Lock())
        with lk:
            if key not in self.done:
                with self.lock:
                    self.n += 1
                    d = os.path.join(self.root, "fixture%d" % self.n)
                self.done[key] = self.make(spec, use_git, d)
            return self.done[key]

    def make(self, spec, use_git, d):
        os.makedirs(d)
        spec = spec.strip()
        commit = None
        if spec == "none":
            return d, None
        if spec.startswith("generate "):
            args = shlex.split(spec[len("generate "):])
            tmp = d + ".gen"
            p = subprocess.run([sys.executable, GENERATOR] + args + [tmp, "--kamgr", self.kamgr],
                               env=self.env, cwd=self.root, capture_output=True, text=True)
            if p.returncode != 0:
                raise FormatError("fixture '%s': the generator failed: %s" % (spec, p.stderr.strip()))
            copy_tree(tmp, d)
            shutil.rmtree(tmp)
            self.trees[d] = tree_digest(d)
        else:
            for part in spec.split(" + "):
                src = os.path.join(TOP, part.strip())
                if not os.path.isdir(src):
                    raise FormatError("fixture '%s': no folder %s" % (spec, part))
                copy_tree(src, d, skip=(".git", ".kamgr"))
        if use_git:
            git = lambda *a: subprocess.run(["git", "-C", d] + list(a), env=self.env, check=True,
                                            capture_output=True, text=True).stdout.strip()
            git("init", "-q")
            with open(os.path.join(d, ".git", "info", "exclude"), "a") as f:
                f.write(".kamgr/\n")
            git("add", "-A")
            git("commit", "-q", "--no-verify", "-m", "fixture")
            git("repack", "-a", "-d", "-q")
            git("prune-packed", "-q")
            commit = git("rev-parse", "HEAD")
        return d, commit


def copy_tree(src, dst, skip=()):
    """cp -a of src's contents into dst (fast on large trees), skipping top-level names."""
    os.makedirs(dst, exist_ok=True)
    names = [n for n in os.listdir(src) if n not in skip]
    if not names:
        return
    try:
        subprocess.run(["cp", "-a"] + [os.path.join(src, n) for n in names] + [dst + "/"],
                       check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        for n in names:
            s, t = os.path.join(src, n), os.path.join(dst, n)
            if os.path.isdir(s) and not os.path.islink(s):
                shutil.copytree(s, t, symlinks=True, dirs_exist_ok=True)
            else:
                shutil.copy2(s, t, follow_symlinks=False)


# ------------------------------------------------------------------------------ a run
class Scenario:
    """One test file being run: its private copy and the normalisation state."""

    def __init__(self, tf, opts, fixtures, env):
        self.tf, self.opts = tf, opts
        self.work = tempfile.mkdtemp(prefix="golden-", dir=opts.tmp)
        self.data = os.path.join(self.work, "data")
        self.tmp = os.path.join(self.work, "tmp")
        self.home = os.path.join(self.work, "home")
        os.makedirs(self.tmp)
        os.makedirs(self.home)
        self.env = dict(env, HOME=self.home, TMPDIR=self.home)
        use_git = tf.header.get("git", "yes") != "no"
        self.has_data = tf.header["fixture"].strip() != "none"
        src, commit = fixtures.get(tf.header["fixture"], use_git)
        self.src = src
        self.tree = fixtures.trees.get(src)
        copy_tree(src, self.data)
        self.commits = {commit: "$COMMIT"} if commit else {}
        self.use_git = use_git and commit is not None
        self.ids = {}          # random tail -> "$IDn"
        self.known = self.record_stems()
        self.paths = []
        for real, name in ((self.data, "$DATA"), (self.tmp, "$TMP"), (self.home, "$HOME"),
                           (self.work, "$WORK"), (opts.kamgr, "$KAMGR"), (TOP, "$TOP")):
            for p in {real, os.path.realpath(real)}:
                self.paths.append((p, name))
        self.paths.sort(key=lambda x: -len(x[0]))

    def close(self):
        if not self.opts.keep:
            shutil.rmtree(self.work, ignore_errors=True)
        else:
            print("kept %s for %s" % (self.work, os.path.relpath(self.tf.path, TOP)), file=sys.stderr)

    def record_stems(self):
        stems = set()
        for sub in ("visits", "complaints", "customers", "opportunities", "orders"):
            for dp, dns, fns in os.walk(os.path.join(self.data, sub)):
                for fn in fns:
                    if fn.endswith(".yaml"):
                        stems.add(fn[:-5])
        return stems

    def subst(self, s):
        def rep(m):
            k = m.group(1)
            if k.startswith("ID"):
                for tail, name in self.ids.items():
                    if name == "$" + k:
                        return tail
                raise FormatError("$%s used before a record with a generated ID was made" % k)
            return {"DATA": self.data, "TMP": self.tmp, "TOP": TOP, "KAMGR": self.opts.kamgr}[k]
        return PLACEHOLDER.sub(rep, s)

    def write_file(self, path, body):
        p = self.subst(path)
        if not os.path.isabs(p):
            p = os.path.join(self.data, p)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", encoding="utf-8", errors="surrogateescape", newline="") as f:
            f.write("".join((ln[:-1] + "\r" if ln.endswith(CR) else ln) + "\n" for ln in body))
        self.known |= self.record_stems()

    def op(self, text):
        """overlay PATH: copy a folder of the repository onto the copy; reset: a fresh copy
        of the fixture (the IDs and commits seen so far keep their placeholders)."""
        if text == "reset":
            shutil.rmtree(self.data)
            copy_tree(self.src, self.data)
        else:
            src = os.path.join(TOP, self.subst(text[len("overlay "):].strip()))
            if not os.path.isdir(src):
                raise FormatError("overlay: no folder %s" % src)
            copy_tree(src, self.data)
        self.known |= self.record_stems()

    def argv(self, cmd):
        toks = shlex.split(cmd)
        env = dict(self.env)
        while toks and ENV_ASSIGN.match(toks[0]):
            k, v = toks.pop(0).split("=", 1)
            env[k] = self.subst(v)
        stdin = None
        if len(toks) >= 2 and toks[-2] == "<":
            stdin = self.subst(toks[-1])
            if not os.path.isabs(stdin):
                stdin = os.path.join(self.data if self.has_data else self.work, stdin)
            toks = toks[:-2]
        toks = [self.subst(t) for t in toks]
        pre = []
        names = {t.split("=", 1)[0] for t in toks if t.startswith("-")}
        if self.has_data and not names & {"-C", "--data"} and "KAMGR_DATA" not in env:
            pre += ["-C", self.data]
        if self.tf.header.get("now") and not names & {"--now", "--today"} \
                and "KAMGR_NOW" not in env:
            pre += ["--now", self.tf.header["now"]]
        return [self.opts.kamgr] + pre + toks, env, stdin

    def run(self, case):
        argv, env, stdin = self.argv(case.cmd)
        cwd = self.data if os.path.isdir(self.data) else self.work
        fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
        try:
            p = subprocess.run(argv, env=env, cwd=cwd, stdin=fin, capture_output=True,
                               timeout=TIMEOUT)
            out, err, code = p.stdout, p.stderr, p.returncode
        except subprocess.TimeoutExpired:
            raise FormatError("line %d: 'test %s' timed out after %d s" % (case.line, case.cmd, TIMEOUT))
        finally:
            if stdin:
                fin.close()
        text = [out.decode("utf-8", "surrogateescape"), err.decode("utf-8", "surrogateescape")]
        self.learn_ids(text, argv)
        self.learn_commits(text)
        out, err = (self.normalise(t).encode("utf-8", "surrogateescape") for t in text)
        return serialise(out), serialise(err), code

    def learn_ids(self, texts, argv):
        """New records with generated IDs get $ID1, $ID2... in the order they show up."""
        typed = " ".join(argv)
        cands = []
        for t in texts:
            for m in GEN_ID.finditer(t):
                full = m.group(0)
                tail = m.group(2) or m.group(3)
                if tail not in self.ids and full not in self.known and full not in typed \
                        and full not in cands:
                    cands.append(full)
        if not cands:
            return
        now = self.record_stems()
        new = now - self.known
        ordered = [c for c in cands if c in new] + sorted(s for s in new if s not in cands)
        for full in ordered:
            m = GEN_ID.fullmatch(full)
            if m:
                tail = m.group(2) or m.group(3)
                self.ids[tail] = "$ID%d" % (len(self.ids) + 1)
        self.known = now

    def learn_commits(self, texts):
        if not self.use_git:
            return
        hexes = [h for t in texts for h in HEX40.findall(t) if h not in self.commits]
        if not hexes:
            return
        p = subprocess.run(["git", "-C", self.data, "rev-list", "--reverse", "--all"], env=self.env,
                           capture_output=True, text=True)
        for h in p.stdout.split():
            if h not in self.commits:
                self.commits[h] = "$COMMIT%d" % (len(self.commits) + 1)

    def normalise(self, t):
        for p, name in self.paths:
            t = t.replace(p, name)
        for h, name in self.commits.items():
            t = t.replace(h, name)
        if self.ids:
            def rep(m):
                tail = m.group(2) or m.group(3)
                if tail not in self.ids:
                    return m.group(0)
                return (m.group(1) + "-" if m.group(2) else "c-") + self.ids[tail]
            t = GEN_ID.sub(rep, t)
        return t


def run_file(path, opts, fixtures, env):
    """-> (path, TestFile, [(case, out, err, code)], error message or None, seconds, tree)"""
    t0 = time.time()
    try:
        tf = TestFile(path)
    except FormatError as e:
        return path, None, [], str(e), 0, None
    sc = None
    results = []
    try:
        sc = Scenario(tf, opts, fixtures, env)
        for it in tf.items:
            if it[0] == "file":
                sc.write_file(it[1], it[2])
            elif it[0] == "op":
                sc.op(it[1])
            elif it[0] == "case":
                out, err, code = sc.run(it[1])
                results.append((it[1], out, err, code))
    except FormatError as e:
        return path, tf, results, str(e), time.time() - t0, None
    except Exception as e:  # a fixture that cannot be made, git missing...
        return path, tf, results, "%s: %s" % (type(e).__name__, e), time.time() - t0, None
    finally:
        if sc:
            sc.close()
    return path, tf, results, None, time.time() - t0, sc.tree


def collect(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for dp, dns, fns in os.walk(p):
                dns.sort()
                files += [os.path.join(dp, f) for f in sorted(fns) if f.endswith(".test")]
        elif os.path.isfile(p):
            files.append(p)
        else:
            sys.exit("run.py: no such file or folder: %s" % p)
    return [os.path.abspath(f) for f in files]


def cost(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(4096)
    except OSError:
        return 0
    return -(os.path.getsize(path) + (10 ** 8 if "review_oracle.py" in head else 0))


def show_cmd(case):
    return "test " + case.cmd


def diff(case, out, err, code):
    exp = case.render()
    got = case.render(out, err, code)
    return list(difflib.unified_diff(exp, got, "expected", "actual", lineterm="", n=3))


# --------------------------------------------------------------------------- coverage
def leaf_commands(kamgr, env):
    def subs(path):
        p = subprocess.run([kamgr] + path + ["--help"], env=env, capture_output=True, text=True)
        res, on = [], False
        for ln in p.stdout.splitlines():
            if ln.startswith("Subcommands:"):
                on = True
                continue
            if on:
                if not ln.strip():
                    if res:
                        break
                    continue
                if ln.startswith("  ") and not ln.startswith("    "):
                    res.append(ln.split()[0])
                else:
                    break
        return res

    leaves = []

    def walk(path):
        s = subs(path)
        if not s and path:
            leaves.append(tuple(path))
        for x in s:
            walk(path + [x])
    walk([])
    return leaves


def command_words(cmd):
    toks = shlex.split(cmd)
    while toks and ENV_ASSIGN.match(toks[0]):
        toks.pop(0)
    words, i = [], 0
    while i < len(toks):
        t = toks[i]
        name = t.split("=", 1)[0]
        if name in GLOBAL_OPTIONS:
            i += 2 if GLOBAL_OPTIONS[name] and "=" not in t else 1
            continue
        if t.startswith("-") or t == "<":
            break
        words.append(t)
        i += 1
    return words


def coverage(opts, env):
    leaves = leaf_commands(opts.kamgr, env)
    if not leaves:
        print("golden coverage: no subcommands found in '%s --help'" % opts.kamgr, file=sys.stderr)
        return 1
    covered = set()
    for f in collect([os.path.join(HERE, "cases")]):
        for case in TestFile(f).cases():
            if re.search(r"(^|\s)(--help|-h)(\s|$)", case.cmd):
                continue
            w = tuple(command_words(case.cmd))
            for leaf in leaves:
                if w[:len(leaf)] == leaf:
                    covered.add(leaf)
    missing = [" ".join(leaf) for leaf in leaves if leaf not in covered]
    if missing:
        print("golden coverage: %d of %d leaf commands have no case under tests/golden/cases/:"
              % (len(missing), len(leaves)), file=sys.stderr)
        for m in missing:
            print("  kamgr " + m, file=sys.stderr)
        return 1
    print("golden coverage: all %d leaf commands have a case" % len(leaves))
    return 0


def check_generators(opts, env, files):
    specs = sorted({TestFile(f).header["fixture"] for f in files
                    if TestFile(f).header["fixture"].startswith("generate ")})
    bad = 0
    for spec in specs:
        dirs = []
        for i in (1, 2):
            d = tempfile.mkdtemp(prefix="golden-gen-", dir=opts.tmp)
            out = os.path.join(d, "out")
            subprocess.run([sys.executable, GENERATOR] + shlex.split(spec[9:]) + [out, "--kamgr", opts.kamgr],
                           env=env, cwd=d, check=True, capture_output=True)
            dirs.append((d, out))
        a, b = (tree_bytes(o) for _, o in dirs)
        same = a == b
        print("%s: %s (%d files)" % (spec, "identical" if same else "DIFFERENT", len(a)))
        bad += not same
        for d, _ in dirs:
            shutil.rmtree(d, ignore_errors=True)
    return 1 if bad else 0


def tree_digest(root):
    """16 hex digits of SHA-256 over every file's path and bytes, sorted."""
    h = hashlib.sha256()
    for rel, data in sorted(tree_bytes(root).items()):
        h.update(rel.encode("utf-8", "surrogateescape") + b"\0" + str(len(data)).encode() + b"\0" + data)
    return h.hexdigest()[:16]


def tree_bytes(root):
    res = {}
    for dp, dns, fns in os.walk(root):
        for fn in fns:
            p = os.path.join(dp, fn)
            with open(p, "rb") as f:
                res[os.path.relpath(p, root)] = f.read()
    return res


# ------------------------------------------------------------------------------- main
def default_tmp():
    for d in (os.environ.get("GOLDEN_TMPDIR"), "/dev/shm"):
        if d and os.path.isdir(d) and os.access(d, os.W_OK):
            return d
    return tempfile.gettempdir()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", help="test files or folders (default: corpus/ and cases/)")
    ap.add_argument("--kamgr", default=os.environ.get("KAMGR"), help="the binary (default: $KAMGR)")
    ap.add_argument("--record", action="store_true", help="rewrite the expected sections")
    ap.add_argument("--coverage", action="store_true", help="check that cases/ covers every leaf command")
    ap.add_argument("--check-generators", action="store_true")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--tmp", default=None,
                    help="where the private copies go (default: $GOLDEN_TMPDIR, else /dev/shm, else $TMPDIR)")
    ap.add_argument("--keep", action="store_true", help="keep each file's copy (printed)")
    ap.add_argument("--verbose", "-v", action="store_true", help="print each file and its time")
    opts = ap.parse_args(argv)
    if not opts.kamgr:
        ap.error("give --kamgr or set $KAMGR")
    opts.kamgr = os.path.abspath(opts.kamgr)
    if not os.access(opts.kamgr, os.X_OK):
        ap.error("%s is not an executable" % opts.kamgr)
    opts.tmp = os.path.abspath(opts.tmp or default_tmp())
    root = tempfile.mkdtemp(prefix="golden-run-", dir=opts.tmp)
    env = {k: os.environ[k] for k in PASS_ENV if k in os.environ}
    env.update(FIXED_ENV)
    env["HOME"] = root
    env["TMPDIR"] = root
    env["GIT_CEILING_DIRECTORIES"] = os.path.dirname(root)
    try:
        if opts.coverage:
            return coverage(opts, env)
        files = collect(opts.paths or DEFAULT_PATHS)
        if opts.check_generators:
            return check_generators(opts, env, files)
        fixtures = Fixtures(root, opts.kamgr, env)
        t0 = time.time()
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as ex:
            # the longest first (a generator that runs kamgr, then the biggest files)
            futs = {f: ex.submit(run_file, f, opts, fixtures, env) for f in sorted(files, key=cost)}
            done = [futs[f].result() for f in files]
        return report(done, opts, time.time() - t0)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def report(done, opts, seconds):
    ncases = nbad = nerr = 0
    for path, tf, results, error, secs, tree in done:
        rel = os.path.relpath(path, TOP) if path.startswith(TOP + os.sep) else path
        if opts.verbose:
            print("%-50s %3d cases %6.2f s" % (rel, len(results), secs))
        ncases += len(results)
        if error:
            nerr += 1
            print("ERROR %s: %s" % (rel, error))
            continue
        if opts.record:
            tf.write({id(c): (o, e, k) for c, o, e, k in results}, tree)
            continue
        if tree and tf.header.get("tree") != tree:
            print("NOTE %s: the generated fixture is not the one recorded (tree %s, recorded %s):"
                  " the generator in tests/oracle/ changed (or, for review_oracle.py, kamgr's"
                  " review commands); differences below may come from that"
                  % (rel, tree, tf.header.get("tree", "none")))
        for case, out, err, code in results:
            if (out, err, code) != (case.out, case.err, case.code):
                nbad += 1
                print("FAIL %s:%d: %s" % (rel, case.line, show_cmd(case)))
                for ln in diff(case, out, err, code):
                    print("  " + ln)
    what = "recorded" if opts.record else "checked"
    print("golden: %d files, %d cases %s in %.1f s; %d mismatch(es), %d error(s)"
          % (len(done), ncases, what, seconds, nbad, nerr))
    return 1 if nbad or nerr else 0


if __name__ == "__main__":
    sys.exit(main())
