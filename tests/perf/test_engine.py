"""The engine and loading on their own, at each size: where a request's time can go."""

from __future__ import annotations

import random
import tracemalloc
from collections import Counter
from itertools import count

from django.utils import timezone

from screening import engine, loading
from screening.criteria import Outcome, Verdict
from screening.models import Criterion
from screening.questions import NEVER, NOT_SURE, is_applicable
from screening.results import PAGE_SIZE
from screening.trialset import TrialSet
from tests.perf.patients import ALL_ANSWERS, FIRST_ANSWERS
from tests.perf.timing import measure_calls


def test_engine_steps(trial_count, bench_db):
    today = timezone.localdate()
    specs = loading.question_specs()
    tree = loading.condition_tree()
    loading.clear_cache()
    tracemalloc.start()
    trials = loading.cached_open_trials()
    held, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(trials) >= trial_count

    edits = count()
    edited = Criterion.objects.filter(trial__registry_id=trials[0].trial_id).first()

    def reload_after_an_edit():
        """An editor changes one criterion's reason; the next request loads again."""
        Criterion.objects.filter(pk=edited.pk).update(reason=f"Edited {next(edits)}.")
        return loading.cached_open_trials()

    steps = [
        ("load: open_trials() (cold)", loading.open_trials, 3),
        ("load: cached_open_trials() (warm)", loading.cached_open_trials, 30),
        ("load: after one criterion changed", reload_after_an_edit, 3),
        (
            "engine: progress() after 3 answers",
            lambda: engine.progress(FIRST_ANSWERS, trials, specs, today=today, conditions=tree),
            10,
        ),
        (
            "engine: evaluate(explain=False), all",
            lambda: engine.evaluate(
                ALL_ANSWERS, trials, today=today, conditions=tree, explain=False
            ),
            10,
        ),
        (
            "engine: evaluate() one page (3x10)",
            lambda: engine.evaluate(
                ALL_ANSWERS, trials[: 3 * PAGE_SIZE], today=today, conditions=tree
            ),
            30,
        ),
        (
            "engine: evaluate() with words, all",
            lambda: engine.evaluate(ALL_ANSWERS, trials, today=today, conditions=tree),
            3,
        ),
    ]
    for label, call, repeat in steps:
        found = measure_calls(label, trial_count, call, repeat=repeat)
        print(f"\n[bench] {found.line()}")
    rules = sum(len(trial.rules) for trial in trials)
    print(
        f"\n[bench] cached open trials at {trial_count:,}: {len(trials):,} trials, "
        f"{rules:,} rules, {held / 2**20:.1f} MiB held"
    )


def _random_answers(rng: random.Random, specs, tree, today) -> dict:
    """Answers to a random part of the bank: values, "not sure", or nothing."""
    answers = {}
    for spec in specs:
        roll = rng.random()
        if roll < 0.3:
            continue
        if roll < 0.45 and spec.offers_not_sure:
            answers[spec.key] = NOT_SURE
        elif spec.type == "yes_no":
            answers[spec.key] = rng.random() < 0.3
        elif spec.type == "number":
            low, high = spec.min_value or 0, min(spec.max_value or 100, 200)
            answers[spec.key] = rng.choice((int(rng.uniform(low, high)), rng.uniform(low, high)))
        elif spec.type == "single_choice":
            answers[spec.key] = rng.choice(spec.choices)
        elif spec.type == "multiple_choice":
            slugs = sorted(tree.names)
            answers[spec.key] = rng.sample(slugs, rng.choice((0, 1, 1, 2)))
        elif spec.type == "date":
            months_ago = rng.randrange(0, 30)
            year, month = divmod(today.year * 12 + today.month - 1 - months_ago, 12)
            answers[spec.key] = rng.choice((NEVER, f"{year:04d}-{month + 1:02d}"))
        elif spec.type == "text":
            answers[spec.key] = "29425"
    return answers


def test_verdict_only_paths_agree_with_explained_verdicts(trial_count, bench_db):
    """progress() and evaluate(explain=False) take the fast path; evaluate() with words judges
    every criterion of every trial. They must agree on every trial, for many answer sets."""
    today = timezone.localdate()
    specs = loading.question_specs()
    tree = loading.condition_tree()
    trials = loading.cached_open_trials()
    indexed = TrialSet(trials)
    rng = random.Random(7)
    for answers in [FIRST_ANSWERS, ALL_ANSWERS, {}] + [
        _random_answers(rng, specs, tree, today) for _ in range(12)
    ]:
        explained = engine.evaluate(answers, trials, today=today, conditions=tree)
        fast = engine.evaluate(answers, trials, today=today, conditions=tree, explain=False)
        assert [r.verdict for r in fast] == [r.verdict for r in explained]
        masks = engine.verdict_masks(answers, indexed, today=today, conditions=tree)
        assert sum(mask.bit_count() for mask in masks.values()) == len(indexed)
        assert [
            next(v for v, mask in masks.items() if mask >> p & 1) for p in range(len(indexed))
        ] == [r.verdict for r in explained]
        found = engine.progress(answers, trials, specs, today=today, conditions=tree)
        assert found.still_possible == engine.still_possible(explained)
        waiting: Counter[str] = Counter()
        for result in explained:
            if result.verdict != Verdict.NOT_ELIGIBLE:
                waiting.update(
                    {
                        key
                        for finding in result.findings
                        if finding.outcome == Outcome.UNKNOWN
                        for key in finding.deciding_keys
                    }
                )
        best = None
        for spec in sorted(specs, key=lambda spec: spec.position):
            if spec.key in answers or not is_applicable(spec, answers):
                continue
            if waiting[spec.key] and (best is None or waiting[spec.key] > waiting[best.key]):
                best = spec
        assert found.next_question == best, (answers, found.next_question, best)
