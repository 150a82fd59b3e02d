"""Users: argon2 password hashes, API tokens kept only as hashes, roles checked on creation."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from ingest.errors import BadInput, NotFound
from workers.db import api_tokens, users
from workers.settings import load_settings
from workers.store import Store
from workers.web.users import (
    add_user,
    authenticate,
    create_user,
    issue_token,
    list_users,
    remove_user,
    reset_password,
    user_for_token,
)


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    return load_settings({"REVIEWPACK_HOME": str(tmp_path)})


def test_a_new_user_can_sign_in_and_use_the_token_while_only_hashes_are_stored(settings) -> None:  # type: ignore[no-untyped-def]
    token = add_user(
        settings, email="Officer@Kent.gov.uk", password="s3cret password", role="council", council="886"
    )
    engine = Store.open(settings).engine
    user = authenticate(engine, "officer@kent.gov.uk", "s3cret password")
    assert user is not None and user.role == "council" and user.council == "886"
    assert authenticate(engine, "officer@kent.gov.uk", "wrong password") is None
    assert authenticate(engine, "nobody@kent.gov.uk", "s3cret password") is None
    assert user_for_token(engine, token) == user
    with engine.connect() as conn:
        stored_hash = conn.execute(sa.select(users.c.password_hash)).scalar_one()
        token_hashes = conn.execute(sa.select(api_tokens.c.token_hash)).scalars().all()
    assert stored_hash.startswith("$argon2id$") and "s3cret" not in stored_hash
    assert token not in token_hashes and len(token_hashes) == 1


@pytest.mark.parametrize(
    ("email", "password", "role", "council", "why"),
    [
        ("a@b.gov.uk", "long enough", "admin", None, "role must be one of"),
        ("a@b.gov.uk", "long enough", "council", None, "needs --council"),
        ("a@b.gov.uk", "long enough", "lga", "886", "only council users"),
        ("a@b.gov.uk", "short", "lga", None, "at least 8"),
        ("not-an-email", "long enough", "lga", None, "not an email"),
    ],
)
def test_a_user_with_a_bad_role_council_password_or_email_is_refused(  # type: ignore[no-untyped-def]
    settings, email: str, password: str, role: str, council: str | None, why: str
) -> None:
    with pytest.raises(BadInput, match=why):
        add_user(settings, email=email, password=password, role=role, council=council)


def test_an_email_is_registered_once(settings) -> None:  # type: ignore[no-untyped-def]
    add_user(settings, email="a@lga.gov.uk", password="long enough", role="lga", council=None)
    with pytest.raises(BadInput, match="already exists"):
        add_user(settings, email="A@LGA.gov.uk", password="long enough", role="lga", council=None)


def test_the_users_add_command_prints_a_token_and_refuses_a_bad_role(tmp_path: Path) -> None:
    cli = str(Path(sys.executable).with_name("reviewpack"))
    env = {"REVIEWPACK_HOME": str(tmp_path), "PATH": str(Path(sys.executable).parent)}
    good = subprocess.run(
        [cli, "users", "add", "r@lga.gov.uk", "--role", "reviewer", "--password", "long enough"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert good.returncode == 0, good.stderr
    token = re.search(r"rp_[\w-]{20,}", good.stdout + good.stderr)
    assert token and user_for_token(Store.open(load_settings(env)).engine, token.group(0)) is not None
    bad = subprocess.run(
        [cli, "users", "add", "x@lga.gov.uk", "--role", "boss", "--password", "long enough"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 1 and "role must be one of" in bad.stderr


def test_a_council_user_is_filed_under_the_dfe_code_of_the_council_named(settings) -> None:  # type: ignore[no-untyped-def]
    add_user(settings, email="a@kent.gov.uk", password="long enough", role="council", council=" kent ")
    engine = Store.open(settings).engine
    assert [u.council for u in list_users(engine)] == ["886"]
    for council, says in (("9999", "not a council"), ("Kentt", "did you mean Kent County Council (886)")):
        with pytest.raises(BadInput, match=re.escape(says)):
            add_user(settings, email="b@kent.gov.uk", password="long enough", role="council", council=council)


def test_a_reset_password_replaces_the_old_one_and_revokes_the_tokens(settings) -> None:  # type: ignore[no-untyped-def]
    token = add_user(settings, email="a@lga.gov.uk", password="first password", role="lga", council=None)
    engine = Store.open(settings).engine
    with pytest.raises(BadInput, match="at least 8"):
        reset_password(engine, "a@lga.gov.uk", "short")
    reset_password(engine, "A@LGA.gov.uk", "second password")
    assert authenticate(engine, "a@lga.gov.uk", "first password") is None
    assert authenticate(engine, "a@lga.gov.uk", "second password") is not None
    assert user_for_token(engine, token) is None
    with pytest.raises(NotFound):
        reset_password(engine, "nobody@lga.gov.uk", "long enough")


def test_removing_a_user_takes_their_tokens_and_assignments_but_keeps_their_uploads(settings) -> None:  # type: ignore[no-untyped-def]
    from ingest.bundle import IncomingFile
    from workers.web.access import assign, record_owner

    store = Store.open(settings)
    engine = store.engine
    lga = create_user(engine, email="lga@lga.gov.uk", password="long enough", role="lga", council=None)
    reviewer = create_user(
        engine, email="r@lga.gov.uk", password="long enough", role="reviewer", council=None
    )
    token = issue_token(engine, lga.id)
    bundle_id = store.create_bundle("papers", [IncomingFile("a.csv", b"1")], "886")
    record_owner(engine, bundle_id, "886", lga)
    assign(engine, bundle_id, reviewer, lga)
    remove_user(engine, "lga@lga.gov.uk")
    remove_user(engine, "r@lga.gov.uk")
    assert list_users(engine) == [] and user_for_token(engine, token) is None
    assert store.bundle(bundle_id).label == "papers"
    with pytest.raises(NotFound):
        remove_user(engine, "lga@lga.gov.uk")
