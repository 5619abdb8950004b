"""Entry point of the ``companion`` command.

With no subcommand it starts the desktop app on the user's data folder. User
errors print one clear line on stderr and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
import unicodedata
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from companion.cli import change_passphrase, exchange, outreach_arguments, packet_arguments
from companion.cli.import_arguments import add_arguments as import_arguments
from companion.cli.passphrase import NoPassphraseError, PassphrasesDifferError, read_passphrase
from companion.cli.results import ResultNotShownError, say_on_stderr, show
from companion.errors import CompanionError
from companion.i18n.catalog import translator
from companion.imports.errors import ImportFileError
from companion.imports.messages import describe_file_error
from companion.messages import describe
from companion.paths import default_data_dir
from companion.private_files import use_private_umask
from companion.store.preflight import check_store_files
from companion.store.storage_errors import not_a_folder

if TYPE_CHECKING:
    from companion.store.backup_manifest import BackupInfo
    from companion.store.restore_consent import CurrentStore
    from companion.store.store import Store

EXIT_USER_ERROR = 2
#: ``agenda --days`` at most: ten years ahead is already far more than any docket holds.
MAX_AGENDA_DAYS = 3660

log = logging.getLogger(__name__)


class _OneLineParser(argparse.ArgumentParser):
    """Argument errors as every user error: one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        t = translator("en")
        line = t.gettext("companion: {message}").format(message=f"{self.prog}: {message}")
        print(line.replace("\n", " "), file=sys.stderr)
        sys.exit(EXIT_USER_ERROR)


def _parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = _OneLineParser(
        prog="companion",
        description="Court Companion: hearings, reminders and witness packets, offline.",
    )
    parser.add_argument("--data-dir", type=Path, default=None, help="data folder to use")
    parser.add_argument("--language", default=None, help="interface language tag, e.g. es")
    commands = parser.add_subparsers(dest="command")

    demo = commands.add_parser("demo", help="create the fictional demo office (passphrase: demo)")
    demo.add_argument("--data-dir", type=Path, required=True, dest="sub_data_dir")

    agenda = commands.add_parser("agenda", help="print upcoming hearings")
    agenda.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    agenda.add_argument("--days", type=int, default=14)
    agenda.add_argument("--json", action="store_true", help="print JSON")

    search = commands.add_parser("search", help="find people by name, docket or phone number")
    search.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    search.add_argument("text", help="what to look for, in any script and spelling")
    search.add_argument("--json", action="store_true", help="print JSON")

    check = commands.add_parser("check", help="run integrity and foreign-key checks")
    check.add_argument("--data-dir", type=Path, dest="sub_data_dir")

    backup = commands.add_parser("backup", help="make a verified, encrypted backup now")
    backup.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    backup.add_argument("--to", type=Path, default=None, help="backups folder (e.g. a USB drive)")

    packet_arguments.add_arguments(commands)
    packet_arguments.add_letter_arguments(commands)
    import_arguments(commands)
    outreach_arguments.add_arguments(commands)
    change_passphrase.add_arguments(commands)
    exchange.add_arguments(commands)

    self_test = commands.add_parser(
        "self-test", help="check fonts, catalogs, store, packets and Qt plugins end to end"
    )
    self_test.add_argument("--data-dir", type=Path, dest="sub_data_dir", required=True)

    restore = commands.add_parser("restore", help="replace the store with a backup")
    restore.add_argument("--data-dir", type=Path, dest="sub_data_dir")
    restore.add_argument("file", type=Path, help="the .ccbackup file")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.add_argument(
        "--other-office",
        action="store_true",
        help="allow replacing this store with a backup of another office's store",
    )
    restore.add_argument(
        "--old-keys",
        action="store_true",
        help="allow a backup made before the store's key was changed: the passphrase and "
        "recovery code of the backup's time come back, and today's stop working",
    )
    return parser


def _data_dir(arguments: argparse.Namespace) -> Path:
    chosen = getattr(arguments, "sub_data_dir", None) or arguments.data_dir
    return Path(chosen) if chosen else default_data_dir()


def _open_store(folder: Path, meanwhile: Callable[[], object] | None = None) -> Store:
    """Open the store in ``folder``, asking for the passphrase only once its files look
    right: a missing folder or a file that is not a store is said at once.

    ``meanwhile`` runs while the store unlocks (see ``companion.cli.unlocking``). A
    recovery code a killed re-key never showed is printed on the way.
    """
    from companion.cli.unshown_code import tell_unshown_code

    check_store_files(folder)
    passphrase = read_passphrase(translator("en").gettext("Passphrase: "))
    if meanwhile is None:
        from companion.store.store import Store

        store = Store.open(folder, passphrase)
    else:
        from companion.cli.unlocking import open_while

        store = open_while(folder, passphrase, meanwhile)
    try:
        tell_unshown_code(store)
    except BaseException:
        store.close()
        raise
    return store


def _command_demo(arguments: argparse.Namespace) -> int:
    from companion.demo import create_demo_office

    folder = _data_dir(arguments)
    store = create_demo_office(folder)
    store.close()
    t = translator("en")
    show(t.gettext("Created the fictional demo office in {folder}.").format(folder=folder))
    return 0


def _command_agenda(arguments: argparse.Namespace) -> int:
    from companion.cli.agenda import agenda_json, agenda_text

    if not 1 <= arguments.days <= MAX_AGENDA_DAYS:
        raise _UsageError(
            translator("en")
            .gettext("--days must be between 1 and {maximum}.")
            .format(maximum=MAX_AGENDA_DAYS)
        )
    store = _open_store(_data_dir(arguments))
    try:
        entries = store.agenda.upcoming(arguments.days)
    finally:
        store.close()
    show(agenda_json(entries) if arguments.json else agenda_text(entries, translator("en")))
    return 0


def _command_search(arguments: argparse.Namespace) -> int:
    from companion.cli.search import search_json, search_text

    store = _open_store(_data_dir(arguments))
    try:
        people = store.people.search(arguments.text)
    finally:
        store.close()
    if arguments.json:
        show(search_json(people))
    else:
        show(search_text(people, arguments.text, translator("en")))
    return 0


def _command_check(arguments: argparse.Namespace) -> int:
    store = _open_store(_data_dir(arguments))
    try:
        problems = store.check()
    finally:
        store.close()
    t = translator("en")
    if problems:
        for problem in problems:
            show(problem)
        print(t.gettext("The store has problems. Restore the latest backup."), file=sys.stderr)
        return 1
    show(t.gettext("The store is healthy: integrity and foreign-key checks passed."))
    return 0


def _command_backup(arguments: argparse.Namespace) -> int:
    from companion.store.backups import make_backup

    store = _open_store(_data_dir(arguments))
    try:
        info = make_backup(store, folder=arguments.to)
    finally:
        store.close()
    t = translator("en")
    show(
        t.gettext(
            "Backup written and verified: {path} ({people} people, {hearings} hearings)."
        ).format(path=info.path, people=info.people, hearings=info.hearings)
    )
    return 0


def _command_restore(arguments: argparse.Namespace) -> int:
    from companion.store.backups import BackupFailedError, inspect_backup
    from companion.store.restore import RestoreRefusedError, restore

    t = translator("en")
    folder = _data_dir(arguments)
    in_the_way = not_a_folder(folder)
    if in_the_way is not None:
        raise in_the_way
    passphrase = read_passphrase(t.gettext("Passphrase of the backup: "))
    try:
        info = inspect_backup(arguments.file, passphrase, data_folder=_inspection_folder(folder))
    except RestoreRefusedError:
        raise
    except BackupFailedError as error:
        raise RestoreRefusedError(error.detail) from error
    summary = t.gettext("Backup of {date}: {people} people, {hearings} hearings.").format(
        date=info.created_at.strftime("%Y-%m-%d %H:%M UTC"),
        people=info.people,
        hearings=info.hearings,
    )
    print(summary)
    current, store_secret = _prove_store_to_replace(folder, passphrase)
    _agree_to_other_keys(arguments, folder, current, info)
    if not arguments.yes:
        if not sys.stdin.isatty():
            raise _UsageError(t.gettext("Add --yes to restore without a terminal."))
        answer = input(
            t.gettext(
                "Replace the store in {folder} with this backup? The current store is "
                "backed up first. Type yes to go on: "
            ).format(folder=folder)
        )
        if not _is_yes(answer, t.gettext("yes")):
            print(t.gettext("Nothing was changed."))
            return 1
    result = restore(
        folder,
        arguments.file,
        passphrase,
        allow_other_office=arguments.other_office,
        current_secret=store_secret,
        allow_other_keys=arguments.old_keys,
    )
    result.store.close()
    if result.previous_files is not None:
        show(
            t.gettext(
                "Restored. The store it replaced does not open with this passphrase, so "
                "its files were kept as they were in {folder}."
            ).format(folder=result.previous_files)
        )
    elif result.before_restore_backup is not None:
        show(t.gettext("Restored. The store before the restore was saved as a backup first."))
    else:
        show(t.gettext("Restored."))
    return 0


def _prove_store_to_replace(folder: Path, passphrase: str) -> tuple[CurrentStore | None, str]:
    """The store a restore would replace, proven with its own secret: the backup's
    passphrase when it opens it too, else its passphrase or recovery code, asked for."""
    from companion.cli.passphrase import STORE_ENVIRONMENT_VARIABLE
    from companion.errors import CurrentSecretError
    from companion.store.restore_consent import prove_current_store

    if not folder.is_dir():
        return None, passphrase
    try:
        return prove_current_store(folder, passphrase), passphrase
    except CurrentSecretError:
        pass
    secret = read_passphrase(
        translator("en")
        .gettext("Passphrase (or recovery code) of the store in {folder}: ")
        .format(folder=folder),
        STORE_ENVIRONMENT_VARIABLE,
    )
    return prove_current_store(folder, secret), secret


def _agree_to_other_keys(
    arguments: argparse.Namespace, folder: Path, current: CurrentStore | None, info: BackupInfo
) -> None:
    """Another office's backup needs --other-office, one made before a re-key --old-keys;
    either way, what it means is said first."""
    from companion.store.restore_consent import keys_differ

    t = translator("en")
    if current is None:
        return
    made_on = info.created_at.strftime("%Y-%m-%d")
    if current.store_id != info.store_id:
        if not arguments.other_office:
            raise _UsageError(
                t.gettext(
                    "This backup is of another office's store, not of the store in {folder}. "
                    "Add --other-office to replace this store with it."
                ).format(folder=folder)
            )
        print(
            t.gettext(
                "This backup is of another office's store: it replaces every record in "
                "{folder}, and from now on only that office's passphrase and recovery code "
                "open it."
            ).format(folder=folder)
        )
        return
    if not keys_differ(current, info):
        return
    if not arguments.old_keys:
        raise _UsageError(
            t.gettext(
                "This backup was made on {date}, before the key of the store in {folder} "
                "was changed: restoring it brings back the passphrase and the recovery code "
                "in use then, and the ones in use now stop working. Add --old-keys to restore "
                "it anyway. Nothing was changed."
            ).format(date=made_on, folder=folder)
        )
    print(
        t.gettext(
            "This backup was made on {date}, before the store's key was changed: from now on "
            "the passphrase and the recovery code in use then open the store, and the ones in "
            "use now no longer do."
        ).format(date=made_on)
    )


def _inspection_folder(folder: Path) -> Path | None:
    """Where a backup is checked: the data folder's private work folder when the data
    folder exists (a restore to a new laptop checks it in the system's temporary folder,
    in a private folder, as nothing else is there yet)."""
    return folder if folder.is_dir() else None


def _command_self_test(arguments: argparse.Namespace) -> int:
    from companion.selftest import run_self_test
    from companion.ui.dev.selftest_page import render_first_page

    for line in run_self_test(_data_dir(arguments), render_first_page):
        print(line)
    show(translator("en").gettext("Self-test passed."))
    return 0


def _is_yes(answer: str, translated_yes: str) -> bool:
    """The typed confirmation: "yes" in the interface language (accents optional) or English."""

    def plain(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

    return plain(answer) in {plain(translated_yes), "yes"}


def _with_store(
    action: Callable[[Store, argparse.Namespace], str],
    meanwhile: Callable[[argparse.Namespace], object] | None = None,
) -> Callable[[argparse.Namespace], int]:
    """A command on the open store; ``meanwhile`` runs while the store unlocks."""

    def run(arguments: argparse.Namespace) -> int:
        store = _open_store(
            _data_dir(arguments), None if meanwhile is None else partial(meanwhile, arguments)
        )
        try:
            result = action(store, arguments)
        finally:
            store.close()
        show(result)  # the work is done (and the store closed) before its result is shown
        return 0

    return run


def _packet_command(name: str) -> Callable[[Store, argparse.Namespace], str]:
    """A command of ``companion.cli.packets``, which loads the packet engine when it runs."""

    def run(store: Store, arguments: argparse.Namespace) -> str:
        from companion.cli import packets

        command: Callable[[Store, argparse.Namespace], str] = getattr(packets, name)
        return command(store, arguments)

    return run


def _load_packet_engine(arguments: argparse.Namespace) -> None:
    """Load the packet engine (while the store unlocks)."""
    from companion.cli import packets  # noqa: F401


def _load_packet_engine_and_fonts(arguments: argparse.Namespace) -> None:
    """Load the packet engine, the fonts every packet draws with and what packet commands
    use besides, and the languages asked for (while the store unlocks)."""
    from companion.lazy_modules import UNUSED_BY_PACKET_COMMANDS, load_when_used

    load_when_used(*UNUSED_BY_PACKET_COMMANDS)
    from companion.cli import packets

    asked = (getattr(arguments, "lang", None), getattr(arguments, "second_lang", None))
    packets.load_common_parts(asked)


def _letter_command(name: str) -> Callable[[Store, argparse.Namespace], str]:
    """A command of ``companion.cli.letters``, which loads the packet engine when it runs."""

    def run(store: Store, arguments: argparse.Namespace) -> str:
        from companion.cli import letters

        command: Callable[[Store, argparse.Namespace], str] = getattr(letters, name)
        return command(store, arguments)

    return run


def _import_command(name: str) -> Callable[[argparse.Namespace], int]:
    def run(arguments: argparse.Namespace) -> int:
        from companion.cli import imports

        store = _open_store(_data_dir(arguments))
        try:
            return int(getattr(imports, name)(store, arguments, translator("en")))
        finally:
            store.close()

    return run


def _outreach_command(name: str) -> Callable[[Store, argparse.Namespace], str]:
    """A command of ``companion.cli.outreach``, loaded when it runs."""

    def run(store: Store, arguments: argparse.Namespace) -> str:
        from companion.cli import outreach

        command: Callable[[Store, argparse.Namespace], str] = getattr(outreach, name)
        return command(store, arguments)

    return run


class _UsageError(Exception):
    pass


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": _command_demo,
    "agenda": _command_agenda,
    "search": _command_search,
    "check": _command_check,
    "backup": _command_backup,
    "restore": _command_restore,
    "self-test": _command_self_test,
    "import": _import_command("command_import"),
    "import-undo": _import_command("command_import_undo"),
    "packet": _with_store(_packet_command("command_packet"), _load_packet_engine_and_fonts),
    "packets": _with_store(_packet_command("command_packets"), _load_packet_engine_and_fonts),
    "ics": _with_store(_packet_command("command_ics"), _load_packet_engine),
    "letter": _with_store(_letter_command("command_letter")),
    "employer-letter": _with_store(_letter_command("command_employer_letter")),
    "court-day": _with_store(_letter_command("command_court_day")),
    "export": _with_store(exchange.command_export),
    "export-ics": _with_store(exchange.command_export_ics),
    "handoff": _with_store(
        lambda store, arguments: (
            exchange.command_handoff_export(store, arguments)
            if arguments.handoff_command == "export"
            else exchange.command_handoff_import(store, arguments)
        )
    ),
    "calls": _with_store(_outreach_command("command_calls")),
    "contact": _with_store(_outreach_command("command_contact")),
    "script": _with_store(_outreach_command("command_script")),
    "report": _with_store(_outreach_command("command_report")),
    "passphrase": lambda arguments: change_passphrase.command_passphrase(
        _data_dir(arguments), arguments.rekey
    ),
}


def _log_to_file() -> None:
    """Send the command's log lines to the app's log file, never to the terminal (a user
    error prints one line on stderr; Python would print warnings there too)."""
    from companion.logs import configure_logging

    try:
        configure_logging()
    except OSError:
        logging.getLogger().addHandler(logging.NullHandler())


def _empty_data_dir(words: list[str]) -> bool:
    """Whether ``--data-dir`` is given as an empty (or blank) word."""
    for index, word in enumerate(words):
        if word == "--data-dir" and index + 1 < len(words) and not words[index + 1].strip():
            return True
        if word.startswith("--data-dir=") and not word.partition("=")[2].strip():
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    use_private_umask()  # every file this process writes is the user's alone (0600)
    t = translator("en")
    words = list(sys.argv[1:] if argv is None else argv)
    if _empty_data_dir(words):
        # Path("") is the current folder: an empty --data-dir would restore into, or
        # change the passphrase of, whatever folder the command happens to run in.
        print(
            t.gettext("companion: {message}").format(
                message=t.gettext("--data-dir is empty: name the data folder.")
            ),
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    arguments = _parser().parse_args(words)
    if arguments.command is not None:
        _log_to_file()
    try:
        if arguments.command is None:
            from companion.ui.shell.app import run_app

            return int(run_app(_data_dir(arguments), arguments.language))
        return _COMMANDS[arguments.command](arguments)
    except NoPassphraseError as error:
        message = t.gettext("No passphrase: run this on a terminal, or set {variable}.").format(
            variable=error.variable
        )
    except exchange.NoHandoffCodeError:
        message = t.gettext("No handoff code: use --code, or set {variable}.").format(
            variable=exchange.CODE_VARIABLE
        )
    except PassphrasesDifferError:
        message = t.gettext("The two new passphrases differ. Nothing was changed.")
    except ImportFileError as error:
        message = describe_file_error(error, t)
    except CompanionError as error:
        message = describe(error, t)
    except _UsageError as error:
        message = str(error)
    except ResultNotShownError as error:
        # The work is done: saying "Nothing was changed" here would be false.
        message = t.gettext(
            "The command was done, but its result could not be shown: {reason}."
        ).format(reason=error.reason)
    except NotADirectoryError as error:
        # A file where a folder of the path should be: the file is named, not the path.
        from companion.store.storage_errors import folder_problem

        message = describe(folder_problem(error, _data_dir(arguments)), t)
    except OSError as error:
        # A path the system refuses (too long, no right to read): named as such, never a
        # traceback.
        message = t.gettext("{path}: {reason}. Nothing was changed.").format(
            path=error.filename or _data_dir(arguments),
            reason=error.strerror or type(error).__name__,
        )
    except KeyboardInterrupt:
        return 130
    say_on_stderr(t.gettext("companion: {message}").format(message=message.replace("\n", " ")))
    return EXIT_USER_ERROR


if __name__ == "__main__":
    sys.exit(main())
