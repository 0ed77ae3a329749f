# Persistence tests run against dynalite, a DynamoDB-compatible server from npm, installed into
# tests/persistence/node_modules from the committed package-lock.json.
DYNALITE_STAMP := tests/persistence/node_modules/.installed

.PHONY: dynalite

dynalite: $(DYNALITE_STAMP)

# Without npm the DynamoDB tests cannot run: CI must fail, a developer is told and they skip.
$(DYNALITE_STAMP): tests/persistence/package.json tests/persistence/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd tests/persistence && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	elif [ "$$CI" = "true" ]; then \
		echo "npm is required to install dynalite for the DynamoDB tests" >&2; exit 1; \
	else \
		echo "warning: npm not found; the DynamoDB persistence tests will be skipped" >&2; \
	fi

test: $(DYNALITE_STAMP)
