"""Give a database role access to a published dossier (grant), or take it back (revoke).

`grant ROLE`: read and annotate; `grant ROLE --publish`: publish too. `revoke ROLE`: every right
on the dossier; `revoke ROLE --publish`: publishing only.

Run by the dossier's owner (the role that published it first): the server refuses anyone else.
What it runs is plain SQL on the dossier's schema (the README shows it); a role without access
cannot read a single row of the dossier.
"""

from __future__ import annotations

import argparse

from dossier_tui.cli import output
from dossier_tui.cli.database import add_database_arguments, check_owner, connected, dossier_schema


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_database_arguments(parser)
    parser.add_argument("role", metavar="ROLE", help="a database role (a user or a group role)")
    parser.add_argument("--publish", action="store_true", help="grant (or revoke) publishing too (revoke: only publishing)")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def run(args: argparse.Namespace) -> int:
    from dossier_tui.backends.postgres import access

    revoking = args.command == "revoke"
    with connected(args) as conn:
        schema = dossier_schema(conn, args.dossier)
        check_owner(conn, schema, args.dossier)
        if revoking:
            statements = access.revoke_statements(schema, args.role, publish_only=args.publish)
        else:
            statements = access.grant_statements(schema, args.role, args.publish)
        access.run_statements(conn, statements)
    if revoking:
        rights = ["publish"] if args.publish else ["read", "annotate", "publish"]
    else:
        rights = ["read", "annotate", "publish"] if args.publish else ["read", "annotate"]
    if args.json:
        output.json_out({"dossier": args.dossier, "role": args.role, "revoked" if revoking else "granted": rights})
    else:
        output.lines([f"{args.dossier}: {args.role} {'may no longer' if revoking else 'may now'} {', '.join(rights)}"])
    return 0
