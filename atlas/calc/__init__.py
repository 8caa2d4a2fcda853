"""Pure calculators: numbers in, frozen dataclasses out (no I/O, no Streamlit)."""
