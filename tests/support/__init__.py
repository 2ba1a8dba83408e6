"""Test support shared by the suite: fake servers, the fake archive, the corpus harness."""
