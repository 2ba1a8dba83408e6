"""Memory across runs: recent results reused, and a history of verdicts per URL.

``key`` says what makes two checks the same (the normalised URL and every option that can
change the verdict); ``history`` turns past verdicts into "failing since …" and the ``--confirm``
count (pure); ``store`` keeps both in SQLite in the user's cache directory.
"""
