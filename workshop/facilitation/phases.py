"""The default phases of a Bimtek session and what each lets participants do."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import get_locale
from flask_babel import gettext as _


@dataclass(frozen=True)
class PhaseTemplate:
    kind: str
    name_id: str
    name_en: str
    prompt_id: str
    prompt_en: str
    allow_bottlenecks: bool = False
    allow_solutions: bool = False
    vote_on: str | None = None
    allow_scoring: bool = False
    allow_causes: bool = False


DEFAULT_PHASES: tuple[PhaseTemplate, ...] = (
    PhaseTemplate(
        "lobby",
        "Pembukaan",
        "Opening",
        "Selamat datang! Isi daftar hadir, lalu tunggu fasilitator memulai.",
        "Welcome! Fill in the attendance list, then wait for the facilitator to begin.",
    ),
    PhaseTemplate(
        "identify",
        "Identifikasi sumbatan",
        "Identify bottlenecks",
        "Tuliskan sumbatan dalam pelayanan di sektor Anda. Satu kartu, satu sumbatan.",
        "Write down the bottlenecks in your sector's services. One card, one bottleneck.",
        allow_bottlenecks=True,
        allow_solutions=True,
    ),
    PhaseTemplate(
        "group",
        "Pengelompokan",
        "Grouping",
        "Fasilitator menggabungkan kartu yang sama dan mengelompokkan yang mirip.",
        "The facilitator merges duplicate cards and groups similar ones.",
    ),
    PhaseTemplate(
        "vote",
        "Voting",
        "Voting",
        "Berikan suara pada sumbatan yang paling penting untuk diatasi.",
        "Vote for the bottlenecks most important to solve.",
        vote_on="bottleneck",
    ),
    PhaseTemplate(
        "causes",
        "Akar masalah",
        "Root causes",
        "Untuk sumbatan terpilih, tulis penyebabnya pada tulang ikan, lalu tanyakan "
        '"mengapa?" sampai ketemu akar masalahnya.',
        "For the chosen bottlenecks, add their causes on the fishbone's bones, then ask "
        '"why?" until you reach the root cause.',
        allow_causes=True,
    ),
    PhaseTemplate(
        "solve",
        "Solusi",
        "Solutions",
        "Usulkan solusi alternatif atau ide inovasi untuk sumbatan terpilih.",
        "Propose alternative solutions or innovation ideas for the chosen bottlenecks.",
        allow_solutions=True,
    ),
    PhaseTemplate(
        "prioritise",
        "Prioritas",
        "Priorities",
        "Beri skor USG bersama kelompok sektor Anda, dan pilih solusi terbaik.",
        "Score USG with your sector group, and vote for the best solutions.",
        vote_on="solution",
        allow_scoring=True,
    ),
    PhaseTemplate(
        "close",
        "Penutup",
        "Closing",
        "Terima kasih! Hasil lokakarya akan dituangkan dalam laporan dan rencana aksi.",
        "Thank you! The results go into the report and the action plan.",
    ),
)


# The activities a facilitator may add as a step of the agenda (issue 28), in
# the order the cockpit's "Add phase" picker offers them after a plain step:
# one line a kind. Its step opens the activity on phones and the projector
# while current; its package keeps the activity's own data.
ACTIVITY_PHASES: tuple[PhaseTemplate, ...] = (
    PhaseTemplate(
        "attendance",
        "Daftar hadir",
        "Attendance",
        "Tanda tangani daftar hadir hari ini di ponsel Anda.",
        "Sign today's attendance list on your phone.",
    ),
    PhaseTemplate(
        "questions",
        "Tanya jawab narasumber",
        "Questions to the speaker",
        "Kirim pertanyaan untuk narasumber, dan dukung pertanyaan peserta lain.",
        "Send your questions to the speaker, and upvote other participants' questions.",
    ),
    PhaseTemplate(  # poll: workshop/polls/
        "poll",
        "Polling",
        "Poll",
        "Pilih satu jawaban di ponsel Anda.",
        "Choose one answer on your phone.",
    ),
    PhaseTemplate(  # wordcloud: workshop/polls/
        "wordcloud",
        "Awan kata",
        "Word cloud",
        "Tulis satu sampai tiga kata di ponsel Anda.",
        "Write one to three words on your phone.",
    ),
    PhaseTemplate(
        "pretest",
        "Pre-test",
        "Pre-test",
        "Jawab soal pre-test di ponsel Anda.",
        "Answer the pre-test on your phone.",
    ),  # pretest
    PhaseTemplate(
        "posttest",
        "Post-test",
        "Post-test",
        "Jawab soal post-test di ponsel Anda.",
        "Answer the post-test on your phone.",
    ),  # posttest
    PhaseTemplate(
        "evaluation",
        "Evaluasi",
        "Evaluation",
        "Isi evaluasi narasumber dan penyelenggaraan di ponsel Anda (anonim).",
        "Fill in the evaluation of the speakers and the organisation on your phone (anonymous).",
    ),  # evaluation
)
ACTIVITY_KINDS = frozenset(template.kind for template in ACTIVITY_PHASES)
# The plain step the picker offers first ("Tahap biasa").
PLAIN_KIND = "custom"


def picker() -> list[dict[str, str]]:
    """The cockpit's "Add phase" choices: a plain step, then each activity, in the
    page's language (told in the page config as `phase_picker`)."""
    english = str(get_locale() or "id").startswith("en")
    return [{"kind": PLAIN_KIND, "label": _("Plain step")}] + [
        {"kind": t.kind, "label": t.name_en if english else t.name_id} for t in ACTIVITY_PHASES
    ]
