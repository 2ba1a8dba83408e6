"""Commands that add their own options beside the settings' (``citecheck fix``)."""

from __future__ import annotations

import inspect

from citecheck.settings.options import with_setting_options


def test_an_extra_parameter_replaces_the_setting_of_its_name() -> None:
    def command(**given: object) -> None:
        """A command."""

    extra = inspect.Parameter("timeout", inspect.Parameter.KEYWORD_ONLY, default=None)
    names = list(inspect.signature(with_setting_options(command, extra)).parameters)
    assert names.count("timeout") == 1 and names[-1] == "timeout"
