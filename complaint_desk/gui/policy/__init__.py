"""Editors for the complaint-management records: policy, publication, cascade, improvement."""
