"""The similarity indexes in a child process, so their CPU never delays a post.

The server's event loop (gevent) runs every handler of a process on one
thread: a query that stems and scores for 5 to 15 ms holds up any card that
is being broadcast meanwhile, and a native thread does not help (the GIL).
So each server process starts one child (`main()` below),
which holds the boards' `CardIndex` objects and does all the stemming,
scoring and clustering. The server keeps only what it reads from the
database (`boards.Board`: each card's text, status and author) and sends the
child, with each query, the changes since the last one. It waits on the pipe
cooperatively: other greenlets (posts, votes, broadcasts) run while the
child works, on the laptop's other core.

Messages are length-prefixed pickles between this process and its own child
(nothing from the network is unpickled). A request is one board's changes
and one query:

    {"board": key, "reset": bool, "changes": [("update", id, text) | ("remove", id)],
     "op": "similar" | "duplicates" | "clusters", "kwargs": {...}}

and the answer is {"result": ...}, {"missing": True} when the child does not
have the board (it was restarted or dropped it: the server then sends the
whole board again, "reset") or {"error": "..."}.

If the child dies, the next query starts a new one and sends its board
whole; other boards follow as they are asked for. `SIMILAR_WORKER = False`
in the config keeps the indexes in the server process instead (one process,
no child: a small tool run, or a platform with no subprocesses).
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import IO, Any

from .matcher import CardIndex, Matcher

OPS = ("similar", "duplicates", "clusters")
MAX_BOARDS = 256  # as boards.MAX_BOARDS: the least recently asked are dropped
_HEADER = struct.Struct("!I")
CHILD = "import sys; from workshop.similar.worker import main; sys.exit(main(sys.argv[1:]))"
MESSAGE_MAX = 64 * 1024 * 1024


class WorkerGone(RuntimeError):
    """The child process is not answering (it died, or could not start)."""


def write_message(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def read_message(stream: IO[bytes]) -> Any:
    header = _read_exactly(stream, _HEADER.size)
    (size,) = _HEADER.unpack(header)
    if size > MESSAGE_MAX:
        raise WorkerGone("message too large")
    return pickle.loads(_read_exactly(stream, size))


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    chunks = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            raise WorkerGone("the similarity worker closed its pipe")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


# -- in the server process -----------------------------------------------------


class Worker:
    """One child process and the pipe to it; requests are taken one at a time."""

    def __init__(
        self,
        synonyms: list[Path],
        corpus: list[Path] | None = None,
        facets: list[Path] | None = None,
    ) -> None:
        self.synonyms = synonyms
        self.corpus = corpus  # None: the shipped related.txt
        self.facets = facets  # None: the shipped facets.txt
        self.generation = 0  # counts the children started: a new one knows no board
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()  # gevent's, when monkey-patched: waits cooperatively
        weakref.finalize(self, _stop, self.__dict__)

    def request(self, message: dict[str, Any], generation: int) -> tuple[int, Any]:
        """Send one request, return (generation, answer); raises WorkerGone."""
        with self._lock:
            process = self._started()
            if generation != self.generation and not message["reset"]:
                return self.generation, {"missing": True}  # a new child knows no board
            try:
                assert process.stdin is not None and process.stdout is not None
                write_message(process.stdin, message)
                return self.generation, read_message(process.stdout)
            except (OSError, EOFError, WorkerGone, pickle.UnpicklingError) as error:
                _stop(self.__dict__)
                raise WorkerGone(str(error)) from error

    def _started(self) -> subprocess.Popen[bytes]:
        process = self._process
        if process is not None and process.poll() is None:
            return process
        _stop(self.__dict__)  # a dead child's pipes are closed, not left to the collector
        self.generation += 1
        # A new interpreter, not a fork (the same path on Windows, which has no
        # fork). -P: the folder Urai was started from is not searched for
        # modules (a folder named "workshop" there must not shadow the package);
        # the package's own parent is, for a checkout.
        root = str(Path(__file__).resolve().parents[2])
        path = [root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
        args = child_args(self.synonyms, self.corpus, self.facets)
        self._process = subprocess.Popen(
            [sys.executable, "-P", "-c", CHILD, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            close_fds=True,
        )
        return self._process

    def start(self) -> None:
        """Start the child now (its imports take 2 to 3 s of CPU) rather than on
        the first query, which would otherwise wait for them."""
        with self._lock:
            self._started()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def stop(self) -> None:
        with self._lock:
            _stop(self.__dict__)


def _stop(state: dict[str, Any]) -> None:
    process = state.get("_process")
    state["_process"] = None
    if process is None:
        return
    for stream in (process.stdin, process.stdout):
        try:
            if stream is not None:
                stream.close()
        except OSError:
            pass
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()


class RemoteIndex:
    """Stands in for a board's `CardIndex` in the server: changes are queued
    and sent with the next query, which the child answers."""

    def __init__(self, worker: Worker, key: Hashable) -> None:
        self.worker = worker
        self.key = key
        self.texts: Callable[[], dict[Any, str]] = dict  # the whole board, for a reset
        self._changes: list[tuple[Any, ...]] = []
        self._generation = -1  # the child this board was last sent to
        self._lock = threading.Lock()

    def update(self, card_id: Any, text: str) -> None:
        with self._lock:
            self._changes.append(("update", card_id, text))

    def remove(self, card_id: Any) -> None:
        with self._lock:
            self._changes.append(("remove", card_id))

    def similar(self, text: str, **kwargs: Any) -> Any:
        return self._ask("similar", {"text": text, **kwargs})

    def duplicates(self, **kwargs: Any) -> Any:
        return self._ask("duplicates", kwargs)

    def clusters(self, **kwargs: Any) -> Any:
        return self._ask("clusters", kwargs)

    def _ask(self, op: str, kwargs: dict[str, Any]) -> Any:
        reset = self._generation != self.worker.generation
        for _attempt in range(3):
            with self._lock:
                changes, self._changes = self._changes, []
            if reset:
                changes = [("update", cid, text) for cid, text in self.texts().items()]
            message = {"board": self.key, "reset": reset, "changes": changes}
            message.update(op=op, kwargs=kwargs)
            try:
                generation, answer = self.worker.request(message, self._generation)
            except WorkerGone:
                reset = True  # a new child: send the whole board
                continue
            if answer.get("missing"):
                reset = True
                continue
            self._generation = generation
            if "error" in answer:
                raise RuntimeError(answer["error"])
            return answer["result"]
        raise WorkerGone("the similarity worker did not answer")


# -- in the child process --------------------------------------------------------


def handle(matcher: Matcher, boards: OrderedDict[Any, CardIndex[Any]], message: Any) -> Any:
    """Apply one request's changes to its board's index and answer its query."""
    try:
        key, op, kwargs = message["board"], message["op"], dict(message["kwargs"])
        if op not in OPS:
            return {"error": f"unknown operation {op!r}"}
        index = boards.pop(key, None)
        if message["reset"]:
            index = matcher.index()
        elif index is None:
            return {"missing": True}
        boards[key] = index
        while len(boards) > MAX_BOARDS:
            boards.popitem(last=False)
        for change in message["changes"]:
            if change[0] == "update":
                index.update(change[1], change[2])
            else:
                index.remove(change[1])
        if op == "similar":
            return {"result": index.similar(kwargs.pop("text"), **kwargs)}
        if op == "duplicates":
            return {"result": index.duplicates(**kwargs)}
        return {"result": index.clusters(**kwargs)}
    except (KeyError, TypeError, ValueError, IndexError) as error:
        return {"error": f"{type(error).__name__}: {error}"}


def child_args(
    synonyms: list[Path], corpus: list[Path] | None, facets: list[Path] | None = None
) -> list[str]:
    """The child's arguments: the synonyms files, then "--corpus" and the
    corpus files when they are not the shipped one, then "--facets" and the
    files of kinds of problem when they are not the shipped one."""
    args = [str(p) for p in synonyms]
    if corpus is not None:
        args += ["--corpus", *map(str, corpus)]
    if facets is not None:
        args += ["--facets", *map(str, facets)]
    return args


def _option(argv: list[str], name: str) -> tuple[list[str], list[Path] | None]:
    """argv without ``name`` and its files, and those files that exist (None:
    no such option)."""
    if name not in argv:
        return argv, None
    cut = argv.index(name)
    rest = argv[cut + 1 :]
    end = next((n for n, a in enumerate(rest) if a.startswith("--")), len(rest))
    files = [Path(p) for p in rest[:end] if Path(p).is_file()]
    return argv[:cut] + rest[end:], files


def matcher_of(argv: list[str]) -> Matcher:
    """The child's matcher, from child_args(); files that do not exist are skipped."""
    argv, facets = _option(argv, "--facets")
    argv, corpus = _option(argv, "--corpus")
    files = [Path(p) for p in argv if Path(p).is_file()]
    kwargs: dict[str, Any] = {}
    if corpus is not None:
        kwargs["corpus_path"] = corpus or None
    if facets is not None:
        kwargs["facets_path"] = facets or None
    return Matcher(files, **kwargs)


def main(argv: list[str]) -> int:
    matcher = matcher_of(argv)
    boards: OrderedDict[Any, CardIndex[Any]] = OrderedDict()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the pipe
    while True:
        try:
            message = read_message(stdin)
        except WorkerGone:  # the server closed the pipe or exited
            return 0
        write_message(stdout, handle(matcher, boards, message))
