"""The ``flask consult`` command group: demo data, mail worker, first admin."""

import time

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


@consult_cli.command("send-mail")
@click.option("--once", is_flag=True, help="One pass, then exit.")
@click.option("--interval", default=10, show_default=True, help="Seconds between passes.")
def send_mail_command(once, interval):
    """Run the worker: periodic tasks, then deliver queued mail with retries."""
    from consult.worker import run_once

    while True:
        sent, failed = run_once()
        db.session.remove()
        if sent or failed or once:
            click.echo(f"mail: {sent} sent, {failed} failed")
        if once:
            return
        time.sleep(interval)


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
