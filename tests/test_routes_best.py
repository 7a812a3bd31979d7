"""`routes._best`, the planner's ranking, against its plain definition, on random options.

The planner's `_best` skips work (shapes of options alone with their
totals are never worked out, sorting never compares options): it must keep
exactly what the plain definition keeps, merged the same way.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from passerelles.routes import KEPT, Option, Person, _best
from passerelles.steps import MergeMemo, Step, merge, signature, sort_key

# One memory of merged steps for every example, as a planner keeps one for all its searches: it is keyed by
# ids, and must never give the merge of other steps than those asked for.
SHARED: MergeMemo = {}
PERSON = Person(age=(180, 192), niveau=0, bac=False, eleve=True)
TITLES = ("CAP AEPE", "DEAES", "DEAS", "Bac pro ASSP")


def plain_best(options: list[Option], keep: int = KEPT) -> list[Option]:
    """The definition: sort by key (stably), group by shape, merge a group's later options into its first."""
    ranked = sorted(options, key=lambda o: sort_key(o[0]))
    groups: dict[object, Option] = {}
    for steps, person in ranked:
        shape = signature(steps)
        if shape in groups:
            kept, first = groups[shape]
            groups[shape] = (merge(kept, steps), first)
        elif len(groups) < keep:
            groups[shape] = (steps, person)
    return list(groups.values())


steps = st.builds(
    Step,
    type=st.sampled_from(["formation", "experience", "attente"]),
    titre=st.sampled_from(TITLES),
    duree_min=st.integers(0, 3),
    duree_max=st.one_of(st.none(), st.integers(3, 4)),
    conditions=st.sampled_from(["Avoir 16 ans.", "Avoir le bac."]),
    slug=st.sampled_from(["cap-aepe", "deaes", "deas"]),
    note=st.sampled_from(["", "Formation allégée."]),
)
options = st.lists(st.tuples(st.lists(steps, max_size=3).map(tuple), st.just(PERSON)), max_size=14)


@settings(max_examples=400, deadline=None)
@given(options, st.integers(1, 4))
def test_best_keeps_and_merges_what_the_plain_definition_does(found: list[Option], keep: int) -> None:
    expected = plain_best(found, keep)
    assert _best(found, keep) == expected
    assert _best(found, keep, SHARED) == expected


def test_options_of_one_shape_are_merged_even_among_options_of_other_shapes() -> None:
    cap = Step("formation", "CAP AEPE", 12, 24, "Avoir 16 ans.", slug="cap-aepe")
    deaes = Step("formation", "DEAES", 12, 24, "Avoir 18 ans.", slug="deaes")
    work = Step("experience", "Travailler", 12, 24, "Être salarié.")
    found = [((cap,), PERSON), ((work,), PERSON), ((deaes,), PERSON)]
    best = _best(found)
    assert [steps[0].autres for steps, _ in best] == [("deaes",), ()]
    assert best == plain_best(found)
