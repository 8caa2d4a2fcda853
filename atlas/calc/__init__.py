"""Pure calculators: numbers in, frozen dataclasses out (no I/O, no Streamlit, only the
standard library; tests/unit/test_layers.py holds them to it).

Conventions every module here follows:
- Impossible inputs raise `atlas.calc.inputs.InputError` (its codes are documented there), and
  each `validate_<name>` lists every fault, in argument order, so a form can mark them all.
- Results divide only by validated inputs (each finite and above 0), never by a computed
  intermediate, so no calculator raises anything but `InputError`. Absurd but finite inputs
  (say 1e-300 PFLOPS) can still give an infinite result, as IEEE arithmetic does.
- Figures that are the article's own and were not confirmed by any other source are labelled
  "as claimed by the article" in the docstrings (research/facts.md §1 and §6 give the check of
  each claim).
"""
