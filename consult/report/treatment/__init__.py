"""Treating contributions (themes, dispositions, syntheses) of the closing report."""
