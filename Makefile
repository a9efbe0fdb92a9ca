# The two commands of the README: `make run` and `make test`. The rest are helpers.
.PHONY: run test setup lint lock bench

run: setup
	@scripts/run.sh

test: setup
	@scripts/test.sh

setup:
	@scripts/setup.sh

lint: setup
	.venv/bin/ruff check .

# Re-lock after changing pyproject.toml dependencies.
lock:
	.venv/bin/python -m pip freeze --exclude-editable > requirements.lock

bench: setup
	@scripts/bench.sh
