"""Many reports at once: sources, runners, pandas tables and their writers, Dask, KPI tables."""
