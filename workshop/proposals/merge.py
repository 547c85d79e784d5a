"""The three-way merge of a section saved from an older version (docs/PROTOCOL.md).

The saver's change (base -> yours) is made into patches with diff-match-patch
and applied to the current text. The matching is made strict: a patch applies
only where its context is found exactly (anywhere in the text, nearest first),
and text it deletes must still be there unchanged. So two people's edits in
different places merge, and edits that touch the same words are refused, to be
resolved by a person, never by a guess.
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch


def three_way(base: str, yours: str, current: str) -> str | None:
    """`current` with the change from `base` to `yours` applied, or None if it cannot be."""
    if yours in (current, base):
        return current
    if current == base:
        return yours
    dmp = diff_match_patch()
    dmp.Match_Threshold = 0.02  # below one wrong character in the 32 a pattern holds
    dmp.Match_Distance = 10_000_000  # a shift by other edits costs (almost) nothing
    dmp.Patch_DeleteThreshold = 0.0  # deleted text must be exactly as it was
    patches = dmp.patch_make(base, yours)
    merged, applied = dmp.patch_apply(patches, current)
    return merged if all(applied) else None
