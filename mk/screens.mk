# Screens (docs/screens.md): the APL documents are validated by Amazon's apl-suggester, from npm,
# installed into tests/screens/node_modules from the committed package-lock.json.
SCREENS_STAMP := tests/screens/node_modules/.installed

.PHONY: screens-deps

screens-deps: $(SCREENS_STAMP)

# Without npm the screens cannot be validated: CI must fail, a developer is told and they skip.
$(SCREENS_STAMP): tests/screens/package.json tests/screens/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd tests/screens && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	elif [ "$$CI" = "true" ]; then \
		echo "npm is required to install apl-suggester for the screen tests" >&2; exit 1; \
	else \
		echo "warning: npm not found; the apl-suggester screen tests will be skipped" >&2; \
	fi

test: $(SCREENS_STAMP)
