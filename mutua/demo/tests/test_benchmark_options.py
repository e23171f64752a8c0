"""The benchmark refuses sizes out of range before building anything."""

import pytest
from django.core.management import CommandError
from django.core.management import call_command


@pytest.mark.parametrize("flag", ["--scale", "--repeat", "--duration"])
def test_sizes_out_of_range_are_refused_naming_the_option(flag):
    with pytest.raises(CommandError, match=f"{flag} must be from 1 to 1,000,000"):
        call_command("benchmark", flag, "0")


@pytest.mark.parametrize("flag", ["--open", "--repeat"])
def test_the_duplicates_benchmark_refuses_sizes_out_of_range(flag):
    with pytest.raises(CommandError, match=f"{flag} must be from 1 to 1,000,000"):
        call_command("benchmark_duplicates", flag, "0")
