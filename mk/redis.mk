# Redis (issue 13): the tests of the Redis session stores start Debian's redis-server themselves, on a random
# loopback port with no persistence (tests/redis/), and stop it; it is never run as a system service.

.PHONY: redis-server

REDIS_SERVER := /usr/bin/redis-server

# `apt-get install redis-server` also enables a system service on port 6379 where systemd runs; the tests
# never use it (they start their own on a random port).
redis-server: ## install Debian's redis-server when missing (the Redis store tests start their own)
	@[ -x $(REDIS_SERVER) ] || { echo "apt-get install redis-server"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends redis-server >/dev/null; }
