"""Data releases: the version of a data folder, its validation as a command, and what changed
between two folders (release notes). No Streamlit: `python -m atlas.data` runs it."""
