"""Figures, publishing, PDF and open data of the closing report."""
