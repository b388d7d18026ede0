.PHONY: help run test setup clean-data

help:
	@echo "make run         build and serve the site on http://127.0.0.1:3000 (embedded database, demo data)"
	@echo "make test        every check and test; ends with a summary line"
	@echo "make setup       install the tools the two commands need"
	@echo "make clean-data  delete ./data (the embedded database) to start over"

run:
	@scripts/run.sh

test:
	@scripts/test.sh

setup:
	@scripts/setup.sh

# The embedded cluster may live outside the checkout (see server/src/embedded_pg.rs).
clean-data:
	@if [ -f data/pg.location ]; then rm -rf "$$(cat data/pg.location)"; fi
	rm -rf data
