"""Pictures of a Report: a self-contained HTML page, a fragment for Jupyter, displaCy data."""
