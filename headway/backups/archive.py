"""One backup file: a gzipped tar holding ``manifest.json``, the database and the stored files.

The manifest says what the file holds (format, Headway's version, database engine, applied
migrations, every table's rows) and each member's SHA-256, so a restore checks all of it
before it changes anything. Files are restored into a folder beside ``MEDIA_ROOT`` and swapped
in by renaming, after the database, so a restore never leaves half of either.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.utils import timezone

from headway.backups import database
from headway.backups.database import BackupError

FORMAT = "headway-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media/"


@dataclass(frozen=True)
class Manifest:
    created_at: str
    headway_version: str
    engine: str
    migrations: list[str]
    tables: dict[str, int]
    files: dict[str, str]  # member name -> SHA-256
    pg_dump_major: int | None = None
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    @property
    def media_files(self) -> list[str]:
        return sorted(name for name in self.files if name.startswith(MEDIA))

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    @classmethod
    def read(cls, data: bytes) -> Manifest:
        try:
            raw = json.loads(data)
            if raw.get("format") != FORMAT:
                raise BackupError("it is not a Headway backup (its manifest says otherwise)")
            if raw.get("format_version") != FORMAT_VERSION:
                raise BackupError(
                    f"it is in backup format {raw.get('format_version')}, and this Headway "
                    f"reads format {FORMAT_VERSION}: restore it with the Headway that made it"
                )
            return cls(**raw)
        except (ValueError, TypeError, AttributeError) as error:
            raise BackupError(f"its manifest cannot be read ({error})") from None


@dataclass
class Checked:
    """A backup file whose every member was read, hashed and found to be what it says."""

    path: Path
    manifest: Manifest
    staging: Path  # holds database/… and media/…, beside MEDIA_ROOT
    newer_migrations: list[str] = field(default_factory=list)
    missing_migrations: list[str] = field(default_factory=list)
    pg_restore: database.Tool | None = None

    @property
    def dump(self) -> Path:
        return self.staging / database.DUMP_NAMES[self.manifest.engine]


def _version() -> str:
    try:
        return version("headway")
    except PackageNotFoundError:
        return "unknown"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _media_files(root: Path) -> Iterator[tuple[str, Path]]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield MEDIA + path.relative_to(root).as_posix(), path


def create_backup(out: Path) -> Manifest:
    """Write the database and MEDIA_ROOT's files to ``out``, replacing it only when complete."""
    engine = database.engine()
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".headway-backup-", dir=out.parent) as work:
        dump = Path(work) / "dump"
        pg_dump_major = None
        # The counts and migrations are read just before the copy, which is consistent in
        # itself; they describe it unless a migration runs in between.
        tables = database.table_rows()
        migrations = database.applied_migrations()
        if engine == database.SQLITE:
            database.dump_sqlite(dump)
        else:
            pg_dump_major = database.dump_postgresql(dump)
        members = [(database.DUMP_NAMES[engine], dump)]
        members += list(_media_files(Path(settings.MEDIA_ROOT)))
        manifest = Manifest(
            created_at=timezone.now().isoformat(timespec="seconds"),
            headway_version=_version(),
            engine=engine,
            migrations=migrations,
            tables=tables,
            files={name: _sha256(path) for name, path in members},
            pg_dump_major=pg_dump_major,
        )
        partial = Path(work) / "backup.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(asdict(manifest), indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            info.mode = 0o600
            archive.addfile(info, _bytes(data))
            for name, path in members:
                archive.add(path, arcname=name, recursive=False)
        os.chmod(partial, 0o600)
        os.replace(partial, out)
    return manifest


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def _bytes(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


@contextmanager
def checked_backup(path: Path) -> Iterator[Checked]:
    """Read the whole file into a staging folder and check it, or raise BackupError."""
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if os.path.ismount(media_root):
        # The files are swapped in by renaming the folder, which a mount point refuses.
        raise BackupError(
            f"MEDIA_ROOT ({media_root}) is a mount point, so its files cannot be swapped in "
            f"whole: mount the volume one level up and set MEDIA_ROOT to a folder inside it."
        )
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{media_root.name}-restore-", dir=media_root.parent))
    try:
        manifest = _extract(path, staging)
        yield _check(path, manifest, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _extract(path: Path, staging: Path) -> Manifest:
    problem = f"{path} cannot be restored"
    manifest: Manifest | None = None
    seen: dict[str, str] = {}
    try:
        with tarfile.open(path, "r:*") as archive:
            for member in archive:
                if not (member.isfile() and _safe_name(member.name)):
                    raise BackupError(f"{problem}: it holds {member.name!r}, which is not ours")
                stream = archive.extractfile(member)
                assert stream is not None
                if member.name == MANIFEST:
                    manifest = Manifest.read(stream.read())
                    continue
                target = staging / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with target.open("wb") as out:
                    for block in iter(lambda: stream.read(1 << 20), b""):  # noqa: B023
                        digest.update(block)
                        out.write(block)
                seen[member.name] = digest.hexdigest()
    except BackupError as error:
        raise BackupError(str(error) if problem in str(error) else f"{problem}: {error}.") from None
    except (tarfile.TarError, zlib.error, EOFError, OSError) as error:
        raise BackupError(f"{problem}: the file is damaged or incomplete ({error}).") from None
    if manifest is None:
        raise BackupError(f"{problem}: it has no manifest, so it is not a Headway backup.")
    wrong = sorted(name for name, digest in manifest.files.items() if seen.get(name) != digest)
    unlisted = sorted(set(seen) - set(manifest.files))
    if wrong or unlisted:
        names = ", ".join([*wrong, *unlisted][:5])
        raise BackupError(
            f"{problem}: it is damaged: {len(wrong) + len(unlisted)} of its files are missing "
            f"or do not match their recorded hash ({names})."
        )
    return manifest


def _check(path: Path, manifest: Manifest, staging: Path) -> Checked:
    engine = database.engine()
    if manifest.engine != engine:
        raise BackupError(
            f"{path} holds a {database.ENGINE_NAMES.get(manifest.engine, manifest.engine)} "
            f"database, and this Headway uses {database.ENGINE_NAMES[engine]}: restore it where "
            "DATABASE_URL names the same kind of database."
        )
    known = database.known_migrations()
    checked = Checked(path, manifest, staging)
    checked.newer_migrations = sorted(set(manifest.migrations) - known)
    if checked.newer_migrations:
        raise BackupError(
            f"{path} was made by a newer Headway ({manifest.headway_version}): its database has "
            f"migrations this one does not know ({', '.join(checked.newer_migrations[:5])}). "
            "Upgrade Headway first, then restore."
        )
    checked.missing_migrations = sorted(known - set(manifest.migrations))
    if engine == database.SQLITE:
        database.check_sqlite(checked.dump)
    else:
        checked.pg_restore = database.check_postgresql(checked.dump, manifest.pg_dump_major or 0)
    return checked


def describe(checked: Checked) -> list[str]:
    manifest = checked.manifest
    media = manifest.media_files
    size = sum((checked.staging / name).stat().st_size for name in media)
    lines = [
        f"{checked.path}: a backup of Headway {manifest.headway_version}'s "
        f"{database.ENGINE_NAMES[manifest.engine]} database made at {manifest.created_at}.",
        f"It will replace the database with its {len(manifest.tables)} tables "
        f"({manifest.rows:,} rows), and the files in {settings.MEDIA_ROOT} with its "
        f"{_count(len(media), 'file')} ({size:,} bytes).",
    ]
    if checked.missing_migrations:
        lines.append(
            f"Its database lacks {len(checked.missing_migrations)} of this Headway's migrations: "
            "run `headway migrate` after restoring it."
        )
    return lines


def restore_backup(checked: Checked, *, replace: bool) -> None:
    if not replace:
        data = database.tables_with_data()
        media_root = Path(settings.MEDIA_ROOT)
        files = list(_media_files(media_root))
        if data or files:
            held = f"data in {_count(len(data), 'table')}" if data else _count(len(files), "file")
            raise BackupError(
                f"This Headway's database is not empty (it holds {held}). Restoring would "
                "replace it: run the restore again with --replace if that is what you want."
            )
    if checked.manifest.engine == database.SQLITE:
        database.restore_sqlite(checked.dump)
    else:
        assert checked.pg_restore is not None
        database.restore_postgresql(checked.dump, checked.pg_restore, set(checked.manifest.tables))
    _swap_media(checked.staging / MEDIA.rstrip("/"))


def _swap_media(restored: Path) -> None:
    media_root = Path(settings.MEDIA_ROOT).resolve()
    restored.mkdir(exist_ok=True)
    old = None
    if media_root.exists():
        old = media_root.parent / f".{media_root.name}-replaced-{os.getpid()}"
        os.replace(media_root, old)
    os.replace(restored, media_root)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
