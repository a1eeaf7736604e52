"""Scoring korex against gold annotations."""
