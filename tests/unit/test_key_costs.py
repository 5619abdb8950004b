"""The costs a key file may ask for: every store we ever wrote opens, and a planted
``keys.json`` can cost a few seconds per attempt at most, refused with a typed error
that names the parameter, the value and the accepted range."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.errors import KeyCostError
from companion.i18n.catalog import translator
from companion.messages import describe
from companion.store import kdf
from companion.store.store import Store
from tests.conftest import TEST_PASSPHRASE
from tests.key_costs import QUICK_PASSPHRASE_COST_VALUES

WHERE = "/data/keys.json"

#: Every cost a genuine key file holds: today's passphrase and recovery-code copies, the
#: scrypt copies written before Argon2id, and the light cost tests seal with.
GENUINE_COSTS: list[kdf.KdfCost] = [
    kdf.Argon2idCost(time_cost=3, memory_kib=128 * 1024, lanes=4),
    kdf.Argon2idCost(time_cost=1, memory_kib=8 * 1024, lanes=1),
    kdf.ScryptCost(n=2**15, r=8, p=1),
    kdf.Argon2idCost(*QUICK_PASSPHRASE_COST_VALUES),
]


def test_the_app_writes_only_costs_it_accepts() -> None:
    assert kdf.DEFAULT_PASSPHRASE_COST in GENUINE_COSTS
    assert kdf.RECOVERY_CODE_COST in GENUINE_COSTS


@pytest.mark.parametrize("cost", GENUINE_COSTS, ids=str)
def test_every_genuine_cost_is_accepted(cost: kdf.KdfCost) -> None:
    assert kdf.cost_from_json(cost.to_json(), WHERE) == cost


def _work(cost: kdf.KdfCost) -> int:
    """Memory times passes, in KiB: what one attempt costs, whatever its shape."""
    if isinstance(cost, kdf.Argon2idCost):
        return cost.time_cost * cost.memory_kib
    return 128 * cost.n * cost.r * cost.p // 1024


#: The most a key file may ask for: each parameter at its limit, the others as large as
#: the limits on work and memory then allow.
LARGEST_ACCEPTED: list[kdf.KdfCost] = [
    kdf.Argon2idCost(time_cost=2, memory_kib=2**18, lanes=8),
    kdf.Argon2idCost(time_cost=4, memory_kib=2**17, lanes=8),
    kdf.ScryptCost(n=2**17, r=8, p=1),
    kdf.ScryptCost(n=2**15, r=8, p=4),
    kdf.ScryptCost(n=2**13, r=16, p=4),
]


@pytest.mark.parametrize("cost", LARGEST_ACCEPTED, ids=str)
def test_the_largest_accepted_cost_is_at_most_four_times_todays(cost: kdf.KdfCost) -> None:
    kdf.cost_from_json(cost.to_json(), WHERE)
    # Today's passphrase derivation: 3 passes over 128 MiB (about 0.5 s on an office
    # laptop; bench/ measures it). Four times that is a few seconds per attempt.
    assert _work(cost) <= 4 * 3 * 128 * 1024
    if isinstance(cost, kdf.Argon2idCost):
        assert cost.memory_kib <= 256 * 1024
    else:
        assert 128 * cost.n * cost.r <= 128 * 1024**2


#: (what the key file asks, the parameter the refusal names, value, minimum, maximum)
OUT_OF_BOUNDS: dict[str, tuple[dict[str, object], str, int, int, int]] = {
    "argon2id 1 GiB": (
        {"kdf": "argon2id", "t": 1, "m": 2**20, "p": 4},
        "argon2id m",
        2**20,
        32,
        2**18,
    ),
    "argon2id ten passes": (
        {"kdf": "argon2id", "t": 10, "m": 2**17, "p": 4},
        "argon2id t",
        10,
        1,
        4,
    ),
    "argon2id 16 lanes": ({"kdf": "argon2id", "t": 1, "m": 2**17, "p": 16}, "argon2id p", 16, 1, 8),
    "argon2id 3 passes over 256 MiB": (
        {"kdf": "argon2id", "t": 3, "m": 2**18, "p": 4},
        "argon2id t*m",
        3 * 2**18,
        1,
        2**19,
    ),
    "argon2id less memory than lanes need": (
        {"kdf": "argon2id", "t": 3, "m": 16, "p": 4},
        "argon2id m",
        16,
        32,
        2**18,
    ),
    "scrypt N=2^20": (
        {"kdf": "scrypt", "n": 2**20, "r": 1, "p": 1},
        "scrypt n",
        2**20,
        2**10,
        2**17,
    ),
    "scrypt p=16": ({"kdf": "scrypt", "n": 2**15, "r": 8, "p": 16}, "scrypt p", 16, 1, 4),
    "scrypt r=32": ({"kdf": "scrypt", "n": 2**10, "r": 32, "p": 1}, "scrypt r", 32, 1, 16),
    "scrypt N=2^17 r=8 p=2": (
        {"kdf": "scrypt", "n": 2**17, "r": 8, "p": 2},
        "scrypt n*r*p",
        2**21,
        1,
        2**20,
    ),
    "scrypt 256 MiB": (
        {"kdf": "scrypt", "n": 2**17, "r": 16, "p": 1},
        "scrypt n*r*p",
        2**21,
        1,
        2**20,
    ),
}


@pytest.mark.parametrize("case", OUT_OF_BOUNDS.values(), ids=OUT_OF_BOUNDS.keys())
def test_a_cost_out_of_bounds_is_refused_with_a_typed_error_before_any_work(
    case: tuple[dict[str, object], str, int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked, parameter, value, minimum, maximum = case

    def no_derivation(*_arguments: object) -> bytes:
        raise AssertionError("derived with a cost out of bounds")

    monkeypatch.setattr(kdf.Argon2idCost, "derive", no_derivation)
    monkeypatch.setattr(kdf.ScryptCost, "derive", no_derivation)
    with pytest.raises(KeyCostError) as refused:
        kdf.cost_from_json(asked, WHERE)
    error = refused.value
    assert (error.path, error.parameter, error.value) == (WHERE, parameter, value)
    assert (error.minimum, error.maximum) == (minimum, maximum)
    assert error.reason == "cost"


def test_a_planted_costly_key_file_is_refused_in_plain_words(data_dir: Path) -> None:
    store, _code = Store.create(data_dir, TEST_PASSPHRASE)
    store.close()
    key_path = data_dir / "keys.json"
    data = json.loads(key_path.read_text(encoding="utf-8"))
    data["passphrase"].update(kdf="argon2id", t=1, m=2**20, p=4)
    key_path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KeyCostError) as refused:
        Store.open(data_dir, TEST_PASSPHRASE)
    assert describe(refused.value, translator("en")) == (
        f"The key file {key_path} asks for a key derivation out of bounds (argon2id m="
        "1048576; accepted: 32 to 262144), as a file changed by hand or planted would. "
        "Nothing was tried and nothing was changed. Restore the latest backup, or ask your "
        "IT contact for help."
    )
