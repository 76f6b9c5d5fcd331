"""The ``flask consult`` command group: demo data, the worker, first admin."""

import signal
import threading

import click
from flask import Flask
from flask.cli import AppGroup

from consult.db import db

consult_cli = AppGroup("consult", help="Concertation commands.")


@consult_cli.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has accounts.")
def demo_command(if_empty):
    """Load a realistic demo concertation."""
    from consult.demo import DEMO_PASSWORD, load_demo
    from consult.demo.accounts import DEMO_ACCOUNTS

    if load_demo(if_empty=if_empty) is None:
        click.echo("Demo not loaded again: the database already has data.")
    else:
        click.echo("Demo loaded.")
    click.echo(f"Demo accounts (password for all, unless changed since: {DEMO_PASSWORD}):")
    for email, role in DEMO_ACCOUNTS:
        click.echo(f"  {role:<28} {email}")


@consult_cli.command("worker")
@click.option("--once", is_flag=True, help="One pass, then exit.")
@click.option("--interval", default=5, show_default=True, help="Seconds between passes.")
def worker_command(once, interval):
    """Run the worker: deliver queued mail with retries, and the periodic tasks (reminders, PDF builds).

    Start as many as you like, on one machine or several: each mail and each job is claimed before it runs.
    """
    from consult.worker import run_once

    stop = _stop_on_sigterm()
    while not stop.is_set():
        sent, failed = run_once()
        db.session.remove()
        if sent or failed or once:
            click.echo(f"mail: {sent} sent, {failed} failed")
        if once:
            return
        stop.wait(interval)


@consult_cli.command("send-mail", hidden=True)
@click.option("--once", is_flag=True)
@click.option("--interval", default=5)
@click.pass_context
def send_mail_command(context, once, interval):
    """Former name of ``worker`` (deprecated)."""
    click.echo("`flask consult send-mail` is deprecated: use `flask consult worker`.", err=True)
    context.invoke(worker_command, once=once, interval=interval)


def _stop_on_sigterm() -> threading.Event:
    """Finish the current pass on SIGTERM (systemd stop) instead of dying in the middle of a mail."""
    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    return stop


@consult_cli.command("create-admin")
@click.argument("email")
@click.option("--name", default="Administrateur", show_default=True)
@click.password_option()
def create_admin_command(email, name, password):
    """Create a confirmed administrator account (or make an existing one admin)."""
    from consult.admin.services import bootstrap_admin

    user = bootstrap_admin(email, name, password)
    click.echo(f"{user.email} is an administrator.")


def register(app: Flask):
    """Add the command group to the app."""
    app.cli.add_command(consult_cli)
