"""TrialSet: open trials indexed by what they share, so each distinct unit is judged once.

Thousands of trials share a few hundred registry facts and criterion units (one
criteria.Signature each): each is judged once a step, and a bit mask per signature says which
trials it concerns.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import overload

import numpy as np

from screening.criteria import Finding, Signature, TrialCriteria, Verdict
from screening.geo import Distances
from screening.judging import Context, answer_keys, judge


class TrialSet(Sequence[TrialCriteria]):
    """A fixed sequence of trials, with which of them each signature concerns, worked out once.

    Each signature has a bit mask of the trials (by position) it concerns, so a step ORs and
    counts a few hundred masks instead of visiting 10,000 trials. progress() builds one from a
    plain sequence; build one yourself for trials you screen again and again (screening.loading
    keeps one per cached list and scope). Its trials must not change afterwards.
    """

    def __init__(self, trials: Iterable[TrialCriteria]) -> None:
        self._trials = tuple(trials)
        positions: dict[Signature, list[int]] = {}
        for position, trial in enumerate(self._trials):
            for signature in trial.signatures:
                positions.setdefault(signature, []).append(position)
        self.masks: dict[Signature, int] = {
            signature: _mask(found, len(self._trials)) for signature, found in positions.items()
        }
        self.everyone = (1 << len(self._trials)) - 1
        self._orders: dict[int, tuple[Mapping[str, float] | None, Order]] = {}
        self._orders_lock = threading.Lock()
        # Signatures by the answers their findings read, and those findings kept by the values
        # of those answers (judged_once): a step judges again only what its answers changed,
        # and patients who gave the same answers share the work.
        reading: dict[frozenset[str], list[Signature]] = {}
        self._keys_read: dict[Signature, frozenset[str]] = {}
        for signature in self.masks:
            keys = self._keys_read[signature] = answer_keys(signature)
            reading.setdefault(keys, []).append(signature)
        self.reading = {tuple(sorted(keys)): found for keys, found in reading.items()}
        self._trial_reads: dict[int, tuple[str, ...]] = {}  # by position, as asked
        self._findings: dict[tuple, list[tuple[Signature, Finding]]] = {}
        self._verdict_bits: dict[tuple, tuple[int, int]] = {}  # the same, as verdict masks
        self._findings_of: tuple = ()  # the (today, condition tree) they were judged on

    @overload
    def __getitem__(self, index: int) -> TrialCriteria: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[TrialCriteria]: ...
    def __getitem__(self, index):
        return self._trials[index]

    def __len__(self) -> int:
        return len(self._trials)

    def __iter__(self) -> Iterator[TrialCriteria]:
        return iter(self._trials)

    def __repr__(self) -> str:
        return f"TrialSet({len(self._trials)} trials)"

    @cached_property
    def conditions_by_trial(self) -> dict[str, frozenset[str]]:
        """Each trial's conditions, by trial id."""
        return {trial.trial_id: trial.conditions for trial in self._trials}

    @cached_property
    def trial_ids(self) -> tuple[str, ...]:
        """The trials' ids, in the set's order."""
        return tuple(trial.trial_id for trial in self._trials)

    @cached_property
    def _id_ranks(self) -> np.ndarray:
        """Each trial's place among the trials sorted by id, by position."""
        ranks = np.empty(len(self._trials), dtype=np.intp)
        ranks[sorted(range(len(self._trials)), key=self.trial_ids.__getitem__)] = np.arange(
            len(self._trials)
        )
        return ranks

    @cached_property
    def position_of(self) -> dict[str, int]:
        """Each trial's position, by trial id."""
        return {trial.trial_id: position for position, trial in enumerate(self._trials)}

    @cached_property
    def condition_masks(self) -> dict[str, int]:
        """The trials about each condition (their own slugs, not parents), as bit masks."""
        positions: dict[str, list[int]] = {}
        for position, trial in enumerate(self._trials):
            for slug in trial.conditions:
                positions.setdefault(slug, []).append(position)
        return {slug: _mask(found, len(self._trials)) for slug, found in positions.items()}

    def order(self, miles: Mapping[str, float] | None = None) -> Order:
        """The trials nearest first (unknown distances last), then by trial id; kept for the
        last few distance maps (the same map object gives the same order)."""
        key = id(miles)
        kept = self._orders.get(key)
        if kept is not None and kept[0] is miles:
            return kept[1]
        if isinstance(miles, Distances):
            miles_at = miles.along(self.trial_ids)
        else:
            distances = miles or {}
            miles_at = np.array([distances.get(trial_id, np.inf) for trial_id in self.trial_ids])
        found = Order(miles_at, self._id_ranks)
        with self._orders_lock:
            if len(self._orders) >= MOST_ORDERS:
                self._orders.clear()
            self._orders[key] = (miles, found)
        return found

    def judged_once(self, context: Context) -> Iterator[tuple[Signature, Finding]]:
        """judge_each_once() for this set: findings kept by the answers they read."""
        for given, signatures in self._reading_given(context):
            yield from self._judged_group(given, signatures, context)

    def verdict_bits(
        self, context: Context, verdict_of: Callable[[Finding], Verdict]
    ) -> tuple[int, int]:
        """The trials that some finding rules out, and those that some finding leaves in doubt
        (by `verdict_of`: screening.engine's), as two bit masks. Each group of signatures that
        read the same answers keeps its two masks by the values of those answers, as its
        findings are kept: a new patient ORs a few dozen masks, and judges again only the
        groups whose answers nobody gave before."""
        excluded = doubtful = 0
        for given, signatures in self._reading_given(context):
            bits = self._verdict_bits.get(given)
            if bits is None:
                bits = self._group_bits(self._judged_group(given, signatures, context), verdict_of)
                if len(self._verdict_bits) >= MOST_VERDICT_BITS:
                    self._verdict_bits.clear()
                self._verdict_bits[given] = bits
            excluded |= bits[0]
            doubtful |= bits[1]
        return excluded, doubtful

    def _group_bits(
        self,
        found: list[tuple[Signature, Finding]],
        verdict_of: Callable[[Finding], Verdict],
    ) -> tuple[int, int]:
        excluded = doubtful = 0
        for signature, finding in found:
            verdict = verdict_of(finding)
            if verdict is Verdict.NOT_ELIGIBLE:
                excluded |= self.masks[signature]
            elif verdict is Verdict.ASK_DOCTOR:
                doubtful |= self.masks[signature]
        return excluded, doubtful

    def _reading_given(self, context: Context) -> Iterator[tuple[tuple, list[Signature]]]:
        """Each group of signatures that read the same answers, with those answers' values
        (the key its findings are kept by); what is kept goes when today or the tree change."""
        basis = (context.today, context.tree)
        if self._findings_of != basis:
            self._findings = {}
            self._verdict_bits = {}
            self._findings_of = basis
        answers = context.answers
        for keys, signatures in self.reading.items():
            yield (keys, *(_frozen(answers.get(key, _MISSING)) for key in keys)), signatures

    def _judged_group(
        self, given: tuple, signatures: list[Signature], context: Context
    ) -> list[tuple[Signature, Finding]]:
        found = self._findings.get(given)
        if found is None:
            found = []
            for signature in signatures:
                finding = judge(signature, context)
                if finding is not None:
                    found.append((signature, finding))
            if len(self._findings) >= MOST_FINDINGS:
                self._findings.clear()
            self._findings[given] = found
        return found

    def answers_read(self, position: int, answers: Mapping[str, object]) -> tuple:
        """The answers the trial at `position` reads, as a key (`answers` as frozen_answers()
        gives them): its verdict, reasons and checklist depend on these alone (with today's
        date and the condition tree), so two patients who gave them alike get the same words."""
        keys = self._trial_reads.get(position)
        if keys is None:
            signatures = self._trials[position].signatures
            read = frozenset().union(*(self._keys_read[signature] for signature in signatures))
            keys = self._trial_reads[position] = tuple(sorted(read))
        return tuple((key, answers.get(key, _MISSING)) for key in keys)

    def union_mask(self, signatures: Iterable[Signature]) -> int:
        """The trials that any of these signatures concerns, as a bit mask."""
        mask = 0
        for signature in signatures:
            mask |= self.masks.get(signature, 0)
        return mask


# Findings kept per TrialSet: one entry per group of signatures and answers they read.
MOST_FINDINGS = 4096
# Their verdict masks (verdict_bits), fewer: two masks of a bit a trial each (2.5 KB at
# 10,000 trials), so at most 2.5 MB a TrialSet.
MOST_VERDICT_BITS = 1024
_MISSING = object()


def frozen_answers(answers: Mapping[str, object]) -> dict[str, object]:
    """Answers as dictionary keys (TrialSet.answers_read)."""
    return {key: _frozen(answer) for key, answer in answers.items()}


def _frozen(answer: object) -> object:
    """An answer as a dictionary key: lists (conditions, choices) as tuples, and the type kept
    (True and 1 are equal keys, but not the same answer)."""
    if isinstance(answer, list):
        return tuple(_frozen(item) for item in answer)
    if isinstance(answer, dict):
        return tuple(sorted((key, _frozen(value)) for key, value in answer.items()))
    return (type(answer), answer)


# Orders kept per TrialSet (one per patient's place, as screening.loading keeps distances).
MOST_ORDERS = 32


@dataclass(frozen=True, eq=False)
class Order:
    """The trials nearest first (unknown distances last), then by trial id: each trial's
    distance (infinity when unknown) and rank by id, by position."""

    miles: np.ndarray
    id_ranks: np.ndarray

    def first(self, mask: int, count: int) -> list[int]:
        """The positions of a bit mask's first `count` trials in this order: the `count`
        nearest are picked out without sorting the others (a page shows ten of thousands)."""
        size = len(self.miles)
        data = np.frombuffer(mask.to_bytes((size + 7) // 8, "little"), dtype=np.uint8)
        positions = np.flatnonzero(np.unpackbits(data, bitorder="little")[:size])
        miles = self.miles[positions]
        if 0 < count < len(positions):
            # Every member as near as the count-th nearest, ties with it included.
            near = miles <= np.partition(miles, count - 1)[count - 1]
            positions, miles = positions[near], miles[near]
        return positions[np.lexsort((self.id_ranks[positions], miles))][:count].tolist()


def _mask(positions: list[int], size: int) -> int:
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


def bit_counts(masks: Iterable[int]) -> list[int]:
    """In how many of these bit masks each trial is set, as binary digits across masks: bit i
    of every trial's count is in counts[i]. 30 masks over 10,000 trials take some 150 integer
    operations, not 300,000."""
    counts: list[int] = []
    for mask in masks:
        carry = mask
        for bit, count in enumerate(counts):
            counts[bit], carry = count ^ carry, count & carry
            if not carry:
                break
        if carry:
            counts.append(carry)
    return counts


def at_most(counts: Sequence[int], limit: int, everyone: int) -> int:
    """The trials (of `everyone`) whose count (from bit_counts) is at most `limit`, as a mask."""
    if limit < 0:
        return 0
    above = 0  # trials whose count already beats `limit` on the bits looked at
    equal = everyone  # trials whose count equals `limit` on those bits
    for bit in reversed(range(max(len(counts), limit.bit_length()))):
        count = counts[bit] if bit < len(counts) else 0
        if limit >> bit & 1:
            equal &= count
        else:
            above |= equal & count
            equal &= ~count
    return everyone & ~above


def judge_each_once(
    trials: Sequence[TrialCriteria], context: Context
) -> Iterator[tuple[Signature, Finding]]:
    """Each distinct unit and set of registry facts with its finding, judged once however many
    trials share it (a trial's findings are those of its signatures)."""
    if isinstance(trials, TrialSet):
        yield from trials.judged_once(context)
        return
    signatures = frozenset().union(*(trial.signatures for trial in trials))
    for signature in signatures:
        finding = judge(signature, context)
        if finding is not None:
            yield signature, finding
