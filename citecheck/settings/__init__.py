"""Settings: one table of fields, and everything generated from it.

Sources, strongest first: the command line, ``CITECHECK_*`` environment variables, the
configuration file, the defaults. Every setting has one row in :mod:`citecheck.settings.table`:
its configuration key is its name, its environment variable ``CITECHECK_<NAME>``, its flag
``--name-with-dashes`` (``--per-host`` ↔ ``per_host``) unless the row says otherwise.

* :mod:`~citecheck.settings.table` — the table (:class:`Settings` and its rows);
* :mod:`~citecheck.settings.values` — the checkers of each kind of value;
* :mod:`~citecheck.settings.files` — finding and reading a configuration file;
* :mod:`~citecheck.settings.resolve` — merging command line, environment, file and defaults;
* :mod:`~citecheck.settings.display` — ``citecheck config``;
* :mod:`~citecheck.settings.schema` — the configuration's JSON schema;
* :mod:`~citecheck.settings.options` — the options of ``citecheck check``.
"""

from __future__ import annotations

from citecheck.settings import values
from citecheck.settings.display import format_settings
from citecheck.settings.files import Secret, display_path, find_config, load_config
from citecheck.settings.resolve import resolve_settings
from citecheck.settings.schema import config_schema
from citecheck.settings.table import ENV_PREFIX, FIELDS, SETTING_NAMES, Field, Settings
from citecheck.settings.values import ConfigError

__all__ = [
    "ENV_PREFIX",
    "FIELDS",
    "SETTING_NAMES",
    "ConfigError",
    "Field",
    "Secret",
    "Settings",
    "config_schema",
    "display_path",
    "find_config",
    "format_settings",
    "load_config",
    "resolve_settings",
    "values",
]
