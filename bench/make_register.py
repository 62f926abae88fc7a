"""Build a synthetic register of N assets (default 100,000) for the benchmarks, and say how long it took.

    python bench/make_register.py [N] [--db PATH]

Proportions follow what councils publish: about two in three assets nominated, most of those listed, some
unsuccessful; about one in twelve with an owner's disposal notice, a third of those answered by a request;
a few transfer applications with their stage history; documents on about one asset in ten, many of them the
same governance papers (stored once by content). Records go in through the services, validated and audited,
in batches of one kind at a time.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from assetreg.domain import entities as e
from assetreg.domain.enums import (
    AssetCategory,
    InterestRole,
    Jurisdiction,
    LegalForm,
    ListEntryKind,
    NominationDecision,
    TransferType,
)
from assetreg.services.documents import attach
from assetreg.services.records import Records
from assetreg.services.register import Register

TODAY = date.today()
STREETS = ("High Street", "Church Lane", "Station Road", "Mill Lane", "The Green", "Market Place", "Bridge Street")
NAMES = (
    "The Red Lion",
    "The Crown",
    "The Royal Oak",
    "The White Hart",
    "The Plough",
    "Village Hall",
    "Library",
    "Playing Field",
    "Post Office",
    "Community Centre",
    "The Swan",
    "The Bell",
    "Allotments",
    "Village Shop",
)
POSTCODE_AREAS = ("TN", "SK", "NW", "TR", "M", "B", "LS", "BS", "NR", "EX", "CB", "OX", "YO", "PL", "LE")


def _postcode(rng: random.Random) -> str:
    return (
        f"{rng.choice(POSTCODE_AREAS)}{rng.randint(1, 29)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    )


def build(path: Path, count: int, seed: int = 2012) -> dict[str, int]:
    rng = random.Random(seed)
    register = Register.open(path, create=True)
    records = Records(register)

    def many(entities: list) -> list[str]:
        return records.create_many(entities).value if entities else []

    authorities = many(
        [
            e.Authority(
                name=f"District Council {i:03d}",
                code=f"local-authority:D{i:03d}",
                jurisdiction=Jurisdiction.SCOTLAND if i % 10 == 0 else Jurisdiction.ENGLAND,
            )
            for i in range(1, 301)
        ]
    )
    groups = many(
        [
            e.CommunityGroup(
                name=f"Community Group {i}",
                legal_form=rng.choice(list(LegalForm)[:7]),
                member_count=rng.randint(21, 400),
            )
            for i in range(max(10, count // 50))
        ]
    )
    parties = many(
        [
            e.Party(name=f"Owner {i} Ltd", address=f"{i} {rng.choice(STREETS)}", postcode=_postcode(rng))
            for i in range(max(10, count // 2))
        ]
    )
    councils = [rng.choice(authorities) for _ in range(count)]
    assets = many(
        [
            e.Asset(
                name=f"{rng.choice(NAMES)} {i}",
                category=rng.choice(list(AssetCategory)),
                authority_ref=councils[i],
                address=f"{rng.randint(1, 200)} {rng.choice(STREETS)}",
                postcode=_postcode(rng),
                uprn=str(rng.randint(10**6, 10**11)),
            )
            for i in range(count)
        ]
    )
    many([e.Interest(asset_ref=a, party_ref=rng.choice(parties), role=InterestRole.FREEHOLDER) for a in assets])

    # Only English land can be listed (every tenth council is Scottish, with no right to bid).
    english = [a for a, council in zip(assets, councils, strict=True) if int(council.split("-")[1]) % 10]
    nominated = [a for a in english if rng.random() < 0.73]
    received = {a: TODAY - timedelta(days=rng.randint(60, 9 * 365)) for a in nominated}
    outcomes = {a: rng.choices(("listed", "unsuccessful", "pending"), (0.75, 0.2, 0.05))[0] for a in nominated}
    nominations = many(
        [
            e.Nomination(
                asset_ref=a,
                nominator_ref=rng.choice(groups),
                sent_on=received[a] - timedelta(days=2),
                received_on=received[a],
                decision=NominationDecision(outcomes[a]),
                decided_on=received[a] + timedelta(days=50) if outcomes[a] != "pending" else None,
            )
            for a in nominated
        ]
    )
    decided = [(a, n) for a, n in zip(nominated, nominations, strict=True) if outcomes[a] != "pending"]
    many(
        [
            e.ListEntry(
                asset_ref=a,
                nomination_ref=n,
                entered_on=received[a] + timedelta(days=50),
                kind=ListEntryKind.LISTED if outcomes[a] == "listed" else ListEntryKind.UNSUCCESSFUL,
            )
            for a, n in decided
        ]
    )

    listed = [a for a, _ in decided if outcomes[a] == "listed"]
    with_notice = [a for a in listed if rng.random() < 0.12]
    notice_dates = {
        a: max(received[a] + timedelta(days=60), TODAY - timedelta(days=rng.randint(0, 4 * 365))) for a in with_notice
    }
    notices = many(
        [
            e.DisposalNotice(
                asset_ref=a,
                owner_ref=rng.choice(parties),
                vacant_possession=True,
                sent_on=notice_dates[a] - timedelta(days=2),
                received_on=notice_dates[a],
            )
            for a in with_notice
        ]
    )
    many(
        [
            e.BidderRequest(
                notice_ref=n,
                group_ref=rng.choice(groups),
                sent_on=notice_dates[a] + timedelta(days=10),
                received_on=notice_dates[a] + timedelta(days=12),
            )
            for a, n in zip(with_notice, notices, strict=True)
            if rng.random() < 0.35
        ]
    )

    transfer_assets = rng.sample(assets, max(1, count // 50))
    applications = many(
        [
            e.TransferApplication(
                asset_ref=a,
                authority_ref=rng.choice(authorities),
                transfer_type=rng.choice(list(TransferType)),
                stage="full-application",
                submitted_on=TODAY - timedelta(days=rng.randint(10, 400)),
            )
            for a in transfer_assets
        ]
    )
    many(
        [
            e.StageChange(application_ref=t, stage=stage, changed_on=TODAY - timedelta(days=400 - 100 * i))
            for t in applications
            for i, stage in enumerate(("idea", "expression-of-interest", "full-application"))
        ]
    )

    # Documents: a handful of distinct files attached to about one asset in ten (the same papers recur).
    with tempfile.TemporaryDirectory() as folder:
        papers = []
        for i in range(20):
            paper = Path(folder) / f"paper-{i:02d}.txt"
            paper.write_text(f"Governance paper {i}\n" * 200, encoding="utf-8")
            papers.append(paper)
        documented = rng.sample(assets, max(1, count // 10))
        for a in documented[:200]:  # attach() copies and hashes the file: do a realistic sample through it
            attach(register, rng.choice(papers), asset_ref=a)
        constitution = attach(register, papers[0], application_ref=applications[0], title="Constitution").value.document
        many(
            [dataclasses.replace(constitution, reference="", asset_ref=a, application_ref="") for a in documented[200:]]
        )
    register.close()
    return {
        "assets": len(assets),
        "nominations": len(nominations),
        "notices": len(notices),
        "applications": len(applications),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="where to write it (default: bench/out/register-N.assetreg)")
    args = parser.parse_args(argv)
    path = args.db or Path(__file__).parent / "out" / f"register-{args.count}.assetreg"
    if path.exists():
        print(f"{path} already exists; delete it or choose another --db", file=sys.stderr)
        return 2
    started = time.perf_counter()
    counts = build(path, args.count)
    elapsed = time.perf_counter() - started
    size = path.stat().st_size / 1e6
    print(f"built {path} in {elapsed:.1f} s ({size:.0f} MB): " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
