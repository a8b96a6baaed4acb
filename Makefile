# Two commands for a newcomer: `make run` and `make test`. Both build .venv with `make install`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint format migrate demo messages worker periodic

install: $(STAMP)

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py seed_province

run: demo
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	@echo "智慧政协 running at http://127.0.0.1:8000 (Ctrl-C to stop)"
	@echo "Members sign in at /accounts/login/ with a demo number (13900000000-13900001118) and zhengxie2022,"
	@echo "or by SMS code at /accounts/login/sms/: read the code with .venv/bin/python manage.py sms_outbox --phone NUMBER --last"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(BIN)/python manage.py makemessages -l en --ignore=.venv

worker: install
	$(BIN)/python manage.py db_worker

periodic: install
	$(BIN)/python manage.py run_periodic --loop 60
