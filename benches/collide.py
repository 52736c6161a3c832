import sys
# A program of N windows, each with one target by tag and one task, for the
# MW0320 measurement in docs/benchmarks.md: `shared` gives every target
# Env=prod (all compared), `distinct` Env=prod-I (none compared); `hourly`
# makes every schedule rate(1 hour) instead of daily at I%24:I%60.
# python3 benches/collide.py 2000 shared [hourly] > /tmp/shared.mw
n=int(sys.argv[1]); shared=sys.argv[2]=="shared"; sched=sys.argv[3] if len(sys.argv)>3 else "daily"
for i in range(n):
    env = "prod" if shared else f"prod-{i}"
    s = f"cron({i%60} {i%24} ? * * *)" if sched=="daily" else "rate(1 hour)"
    print(f'''window Win{i} {{
  schedule = "{s}"
  duration = 2h
  cutoff   = 1h
  target Tgt {{ tags = {{ Env = "{env}" }} }}
  task Run {{
    targets = [Tgt]
    max_concurrency = 1
    max_errors = 1
    run_command "AWS-RunShellScript" {{ parameters = {{ commands = ["x"] }} }}
  }}
}}''')
