import time

from django.core.management.base import BaseCommand, CommandError

from bench import build, plan


class Command(BaseCommand):
    help = (
        "Add a data set for load tests to the site (run after migrate and load_demo): groups, "
        "published posts, members, memberships, reactions, ratings and reads. The seed decides "
        "the data; running again adds only what is missing."
    )

    def add_arguments(self, parser):
        sizes = plan.Sizes()
        parser.add_argument("--seed", type=int, default=plan.DEFAULT_SEED, help="Seed of the random choices.")
        parser.add_argument("--groups", type=int, default=sizes.groups, help="Number of groups.")
        parser.add_argument("--posts", type=int, default=sizes.posts, help="Number of blog posts.")
        parser.add_argument("--reactions", type=int, default=sizes.reactions, help="Number of reactions.")
        parser.add_argument("--ratings", type=int, default=sizes.ratings, help="Number of ratings.")
        parser.add_argument("--members", type=int, default=sizes.members, help="Number of generated members.")

    def handle(self, *args, seed, groups, posts, reactions, ratings, members, **options):
        sizes = plan.Sizes(groups=groups, posts=posts, reactions=reactions, ratings=ratings, members=members)
        started = time.monotonic()
        try:
            featured, added = build.generate(sizes, seed, log=self.stdout.write)
        except plan.LoadDataError as error:
            raise CommandError(str(error)) from error
        elapsed = time.monotonic() - started
        if sum(added.values()):
            self.stdout.write(
                self.style.SUCCESS(f"Load data ready: {sum(added.values())} objects added in {elapsed:.1f} s.")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Nothing added: the load data (seed {seed}) is complete ({elapsed:.1f} s).")
            )
        self.stdout.write(f"Post with {plan.FEATURED_REACTIONS} reactions: {featured.url}")
        self.stdout.write(f"Members log in as {plan.BENCH_MEMBER_EMAIL} with password {plan.BENCH_MEMBER_PASSWORD}")
