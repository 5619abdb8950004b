"""Features that plug into the main window: each adds its own actions, menus or views.

A feature module offers ``install(window: Desk) -> Feature``. The window calls
every installer once, after its own actions exist, and forwards ``retranslate()`` and
``closing()`` to each feature. To add a feature, write its module and add its
installer to ``INSTALLERS`` below: the main window itself does not change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from companion.ui.shell.desk import Desk


class Feature(Protocol):
    def retranslate(self) -> None: ...

    def closing(self) -> None:
        """The main window is about to close (store still open)."""


Installer = Callable[["Desk"], Feature]


def installers() -> list[Installer]:
    # Imported here so that each feature module may import the main window's types.
    installers: list[Installer] = []
    from companion.ui.safety import records_safety

    installers.append(records_safety.install)
    from companion.ui.packets import packet_actions

    installers.append(packet_actions.install)
    from companion.ui.guidance import guidance_feature

    installers.append(guidance_feature.install)
    from companion.ui.outreach import outreach_feature

    installers.append(outreach_feature.install)
    from companion.ui.reports import reports_feature

    installers.append(reports_feature.install)
    from companion.ui.session import change_passphrase_dialog, lock
    from companion.ui.settings import preferences_dialog

    installers += [preferences_dialog.install, change_passphrase_dialog.install, lock.install]
    from companion.ui.exchange import exchange_feature

    installers.append(exchange_feature.install)
    return installers


def install_features(window: Desk) -> list[Feature]:
    return [install(window) for install in installers()]
