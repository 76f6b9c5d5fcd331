"""Where the report's files (PDF, open data) live: under REPORT_DIR, by process and revision."""

from pathlib import Path

from flask import current_app


def report_dir() -> Path:
    """The folder of the report files (setting REPORT_DIR, by default instance/reports)."""
    folder = current_app.config.get("REPORT_DIR") or str(Path(current_app.instance_path) / "reports")
    return Path(folder)


def revision_file(revision, suffix: str) -> tuple[str, Path]:
    """The relative path stored on the revision and the absolute path of one of its files."""
    relative = f"{revision.process_id}/bilan-{revision.number}{suffix}"
    absolute = report_dir() / relative
    absolute.parent.mkdir(parents=True, exist_ok=True)
    return relative, absolute


def absolute(relative: str) -> Path:
    """The absolute path of a stored relative path."""
    return report_dir() / relative
