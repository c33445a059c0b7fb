"""The analysis dashboard: charts that drill down into the complaint list."""
