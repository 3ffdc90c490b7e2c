"""Grouping, ordering and paging of results, and picking contacts, as plain functions."""

from screening.criteria import ConditionTree, TrialResult, Verdict
from screening.geo import Point, miles_from, open_site_places
from screening.results import Match, grouped, page_of
from screening.trialset import TrialSet
from tests.builders import make_trial_criteria
from trials.choices import site_takes_people
from trials.site_lists import Places


def nearest_miles(origin, rows):
    """The obvious way, site by site: what miles_from(origin, open_site_places(rows)) must equal."""
    miles = {}
    origin_at = (origin.latitude, origin.longitude)
    for trial_id, latitude, longitude, status in rows:
        if latitude is None or longitude is None or not site_takes_people(status):
            continue
        distance = float(Places([(latitude, longitude)]).miles_from(origin_at)[0])
        miles[trial_id] = min(distance, miles.get(trial_id, distance))
    return miles


TREE = ConditionTree(parents={"sle": None, "lupus-nephritis": "sle", "ra": None})
CHARLESTON = Point(32.7862, -79.9471)


def verdict(trial_id: str, verdict: Verdict = Verdict.LIKELY_ELIGIBLE) -> TrialResult:
    return TrialResult(trial_id, verdict, ())


def test_each_verdict_goes_to_its_group():
    groups = grouped(
        [verdict("A"), verdict("B", Verdict.ASK_DOCTOR), verdict("C", Verdict.NOT_ELIGIBLE)],
        TrialSet(
            [
                make_trial_criteria(trial_id="A", conditions=frozenset()),
                make_trial_criteria(trial_id="B", conditions=frozenset()),
                make_trial_criteria(trial_id="C", conditions=frozenset()),
            ]
        ),
        answers={},
        conditions=TREE,
    )

    assert [[m.trial_id for m in groups[name]] for name in ("likely", "ask", "not")] == [
        ["A"],
        ["B"],
        ["C"],
    ]


def test_studies_of_the_patients_condition_come_first_then_the_nearest():
    groups = grouped(
        [verdict(trial_id) for trial_id in ("ra-near", "sle-far", "sle-near", "sle-unknown")],
        TrialSet(
            [
                make_trial_criteria(trial_id="ra-near", conditions=frozenset({"ra"})),
                make_trial_criteria(trial_id="sle-far", conditions=frozenset({"sle"})),
                make_trial_criteria(trial_id="sle-near", conditions=frozenset({"lupus-nephritis"})),
                make_trial_criteria(trial_id="sle-unknown", conditions=frozenset({"sle"})),
            ]
        ),
        answers={"conditions": ["lupus-nephritis"]},
        conditions=TREE,
        miles={"ra-near": 1.0, "sle-far": 900.0, "sle-near": 5.0},
    )

    assert [match.trial_id for match in groups["likely"]] == [
        "sle-near",
        "sle-far",
        "sle-unknown",
        "ra-near",
    ]


def test_miles_keep_the_closest_open_site_per_trial():
    rows = [
        ("A", 40.71, -74.00, "recruiting"),
        ("A", 32.80, -79.95, "recruiting"),
        ("B", 32.78, -79.94, "completed"),
        ("C", None, None, ""),
    ]

    miles = miles_from(CHARLESTON, open_site_places(rows))

    assert set(miles) == {"A"}
    assert miles["A"] < 2


def test_a_page_is_small_and_bad_page_numbers_give_a_real_page():
    matches = [Match(f"T{number:02d}", Verdict.LIKELY_ELIGIBLE) for number in range(25)]

    assert [m.trial_id for m in page_of(matches, "2")] == [f"T{n:02d}" for n in range(10, 20)]
    assert len(page_of(matches, "abc")) == 10
    assert page_of(matches, "99").number == 3
    assert page_of(matches, None).number == 1


def test_distances_by_distinct_place_are_the_nearest_site_distances():
    rows = [
        ("A", 40.71, -74.00, "recruiting"),
        ("A", 32.80, -79.95, "recruiting"),
        ("B", 32.80, -79.95, ""),
        ("B", 40.71, -74.00, "recruiting"),
        ("C", 40.71, -74.00, "recruiting"),
        ("D", 32.78, -79.94, "completed"),
        ("E", None, None, ""),
    ]

    assert miles_from(CHARLESTON, open_site_places(rows)) == nearest_miles(CHARLESTON, rows)


def test_the_first_page_of_a_large_group_is_the_start_of_the_full_order():
    ids = [f"T{number:03d}" for number in range(200)]
    groups = grouped(
        [verdict(trial_id) for trial_id in reversed(ids)],
        TrialSet(
            [
                make_trial_criteria(
                    trial_id=trial_id, conditions=frozenset({"sle" if number % 3 else "ra"})
                )
                for number, trial_id in enumerate(ids)
            ]
        ),
        answers={"conditions": ["sle"]},
        conditions=TREE,
        miles={trial_id: float(number % 7) for number, trial_id in enumerate(ids) if number % 5},
    )
    everything = list(groups["likely"])

    assert len(groups["likely"]) == 200
    assert list(page_of(groups["likely"], "1")) == everything[:10]
    assert list(page_of(groups["likely"], "3")) == everything[20:30]
    expected = sorted(
        everything,
        key=lambda m: (not m.studies_your_condition, m.miles is None, m.miles or 0.0, m.trial_id),
    )
    assert everything == expected
    assert everything[0] == Match("T007", Verdict.LIKELY_ELIGIBLE, True, 0.0)


def test_a_trial_set_reads_measured_distances_in_its_own_order():
    rows = [  # ids out of order, a trial with no placed site, two trials at one place
        ("T3", 40.71, -74.00, "recruiting"),
        ("T1", 32.80, -79.95, "recruiting"),
        ("T2", 32.80, -79.95, "recruiting"),
        ("T4", None, None, "recruiting"),
        ("T0", 34.05, -118.24, "recruiting"),
    ]
    trials = TrialSet(
        [make_trial_criteria(trial_id=f"T{n}", conditions=frozenset()) for n in (4, 0, 3, 2, 1)]
    )
    measured = miles_from(CHARLESTON, open_site_places(rows))

    order = trials.order(measured)

    assert [trials[position].trial_id for position in order.first(0b11111, 5)] == [
        "T1",  # Charleston, the tie broken by trial id
        "T2",
        "T3",  # New York
        "T0",  # Los Angeles
        "T4",  # nowhere we know: last
    ]
    assert order.first(0b11111, 5) == trials.order(dict(measured)).first(0b11111, 5)
    assert order.first(0b10101, 2) == [4, 2]  # of T4, T3 and T1: T1, then T3
    assert order.first(0b11000, 1) == [4]  # of the two at one place (T2, T1): T1 by its id


def test_cards_round_miles_as_the_trial_page_does():
    from django.template.defaultfilters import floatformat

    from screening.result_cards import whole_miles

    distances = [1.0, 1.49, 1.5, 2.5, 2.4999999999999996, 10.5, 99.95, 1234.5678]
    distances += [step / 8 for step in range(8, 4000)]
    assert [whole_miles(miles) for miles in distances] == [
        int(floatformat(miles, 0)) for miles in distances
    ]
