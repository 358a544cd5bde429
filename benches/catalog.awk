# A realistic catalog of `n` ideas, written into the folder `dir`: titles,
# summaries of three or four sentences, prep steps and sources worded like the
# bundled ideas in `ideas/*.toml`, every key of the format set, about 650
# bytes an idea. At most 50,000 ideas a file, since csweek reads no file over
# 64 MiB. Deterministic: the same `n` always gives the same files, on any awk.
#
#   awk -v n=100000 -v dir=/tmp/ideas -f benches/catalog.awk

# A Park-Miller generator: products stay below 2^53, so every awk agrees.
function pick(k) {
  seed = (seed * 16807) % 2147483647
  return int(seed / 2147483647 * k) + 1
}

function slug(text) {
  text = tolower(text)
  gsub(/[^a-z0-9]+/, "-", text)
  sub(/^-/, "", text)
  sub(/-$/, "", text)
  return text
}

function list(items, count,   out, i) {
  out = ""
  for (i = 1; i <= count; i++) {
    out = out (i > 1 ? ", " : "") "\"" items[i] "\""
  }
  return "[" out "]"
}

# Fills `chosen` with `count` distinct entries of `pool` (of `size`), in
# the pool's order; returns the count.
function choose(pool, size, count, chosen,   taken, i, got) {
  split("", taken)
  got = 0
  while (got < count) {
    i = pick(size)
    if (!(i in taken)) {
      taken[i] = 1
      got++
    }
  }
  got = 0
  for (i = 1; i <= size; i++) {
    if (i in taken) {
      chosen[++got] = pool[i]
    }
  }
  return got
}

BEGIN {
  seed = 20271004
  if (n == "" || dir == "") {
    print "usage: awk -v n=COUNT -v dir=FOLDER -f benches/catalog.awk" > "/dev/stderr"
    exit 2
  }

  # Each kind of idea: title|category|minutes|what happens|prep step|prep step.
  kinds = split("Breakfast Spread|food|30|pastries, fruit and proper coffee laid out by the service area|Order pastries, fruit and coffee for the first morning|Borrow urns and trays from the kitchen;" \
    "Trivia Hour|fun|45|five rounds of questions about the product, the company and the customers the team serves|Write five rounds of questions and pick a quizmaster|Buy small prizes for the winning table;" \
    "Thank-you Wall|recognition|15|a board where anyone can pin a note thanking a colleague by name for something specific|Put up the board and buy cards and pins|Ask leaders to add the first notes;" \
    "Shadowing Session|leadership|60|leaders sitting beside agents on live contacts, headsets on, to hear the work as it is|Book an hour in each leader's calendar|Pair every leader with an experienced agent;" \
    "Story Circle|reflection|45|agents taking turns to tell the contact they are proudest of this year|Invite the team and ask each person to bring one story|Book a quiet room or a video link;" \
    "Escape Room|fun|60|mixed teams racing a puzzle room against the clock, online or in a local venue|Book the provider for two sessions|Split the team into mixed groups;" \
    "Lunch and Learn|learning|60|a colleague from another department teaching a short lesson over a delivered lunch|Find a speaker and agree the topic|Order lunch and collect dietary needs;" \
    "Customer Voice Panel|customers|45|three key customers telling the team what good service felt like from their side|Invite the panellists and agree a date|Send the panellists the format and questions;" \
    "Bake-off|food|45|home bakers bringing in their best cake for a blind tasting judged by a leader|Sign up bakers and choose the judges|Buy plates, labels and a trophy;" \
    "Donation Drive|community|30|a drop box for food or coats and an online giving page for remote staff|Let the team vote on a cause|Set up the drop box and the giving page;" \
    "Award Ceremony|recognition|45|awards in light-hearted and serious categories, voted for by the team|Open nominations and count the votes|Order certificates and a few trophies;" \
    "Walking Meeting|reflection|30|a loop around the block or a call taken on foot, to talk about the year away from the desk|Plan a short route and a wet-weather fallback|Send the invite with the route;" \
    "Skills Swap|learning|45|agents teaching each other the shortcuts and habits that make their day easier|Collect topics from volunteers|Set the running order and book a room;" \
    "Photo Booth|fun|60|a corner with props and a camera, and a shared album that fills up over the week|Hire or build the booth and buy props|Set up the shared album;" \
    "Leaders Serve Coffee|leadership|30|leaders running a coffee cart around the floor and taking orders by name|Book the coffee cart and a barista|Brief the leaders on the route;" \
    "Playlist Swap|fun|15|everyone adding two songs to a shared playlist that plays on the floor all week|Set up the shared playlist|Remind people to add their songs;" \
    "Community Clean-up|community|120|the team spending a morning clearing a park or a beach with a local group|Book a group slot with the organisers|Collect gloves, bags and sign-up forms;" \
    "Customer Thank-you Cards|customers|30|agents writing a personal card to customers they helped this year|Choose the customers and buy the cards|Hand out cards and envelopes;" \
    "Wellness Break|reflection|20|a guided stretch and breathing session on video or in a meeting room|Find an instructor and book a slot for every shift|Share the link and a reminder;" \
    "Kick-off Huddle|kickoff|15|a short stand-up that opens the week with the theme, the plan and a word from the head of service|Write the running order and the talking points|Ask the head of service to open it;" \
    "Team Picnic|food|90|blankets in a nearby park for a long lunch with simple games|Reserve the picnic spot and plan a rain backup|Order the food and pack the games;" \
    "Mentoring Hour|learning|60|new agents paired with experienced ones for an hour of questions and advice|Pair every new agent with a mentor|Share a short list of questions to start with;" \
    "Service Pledge Board|kickoff|15|a board where each person writes one promise to customers for the year ahead|Put up the board and buy markers|Write the first pledge as an example;" \
    "Hall of Fame|recognition|30|a wall or an intranet page with photos and stories of the year's standout agents|Choose inductees and collect photos and stories|Order frames or build the page;" \
    "Game Afternoon|fun|60|board games and video games in the break room, with a small league table|Borrow games from the team|Set up the league table;" \
    "Open House|kickoff|60|other departments visiting the support floor to listen in on contacts|Invite other departments and open visiting slots|Prepare headsets and a short welcome;" \
    "Retrospective|reflection|60|a calm look back at the year: what went well, what to change, what to keep|Collect anonymous notes before the session|Book a room and a facilitator;" \
    "Charity Bake Sale|community|60|home bakes sold across the company, the money going to a cause the team chose|Sign up bakers and choose the cause|Buy boxes, labels and a cash tin;" \
    "Customer Shadow Day|customers|120|agents visiting a key customer to see how the product is used in the field|Agree a date and a host with the customer|Brief the agents who go;" \
    "Ask Me Anything|leadership|45|the head of service answering the team's questions, sent in ahead or asked live|Collect questions ahead of the session|Book the room and the video link", kind, ";")

  split("Monday|Midweek|Friday|Morning|Afternoon|Quiet|Grand|Pop-up|All-hands|Shift|Night Shift|Weekend|Autumn|October|Rolling|Surprise|Open|Whole-team|Cross-team|Remote", opener, "|")
  split("for the Whole Team|for New Starters|with the Leaders|for Both Shifts|with Customers|for Remote Staff|on the Floor|in the Break Room", suffix, "|")
  split("the whole service team|agents and their team leads|the day and night shifts|everyone on the queue this week|new starters and old hands alike|the team and a few guests from other departments", who, "|")
  split("in the largest meeting room|on a shared video call|next to the support floor|in the break room|in a nearby cafe|on the roof terrace if the weather holds", where, "|")
  split("Run it in two waves so the queue stays covered, and keep a few places for people who join late.|Schedule it between the busiest hours, and let anyone on a long contact join when they can.|Keep it short and optional, and record the best moments for the people who are away.|Hold a second session for the late shift, so nobody misses out because of the rota.|Let team leads cover the queue for the first half hour, then swap.", cover, "|")
  split("Ask a volunteer from each shift to host it, and collect photos afterwards for the memory book.|Send a short recap the next morning, with a thank-you to everyone who made it happen.|Check accessibility needs early, and pick a format everyone can take part in.|Tell customers on social media what the team is up to, with the team's consent.|Keep a list of what worked, so next year's crew can start from it.|Give it a budget line of its own, so small costs don't surprise anyone.", tip, "|")
  split("A favourite from last year, by popular request.|The team suggested it in the spring survey.|It costs little and gives the week a focal point.|It works as well on video as in person.", why, "|")
  split("ICSA suggested week|team appreciation idea|service reflection idea|recognition practice|key-customer celebration idea|csweek original|house idea|from the spring team survey|borrowed from the sales team's kick-off", sources, "|")
  split("Send a calendar hold to the whole team|Confirm the budget with finance|Announce it in the team channel|Print signs and a one-page guide|Check the room's screen and sound|Ask a leader to say a few words", extra, "|")
  split("mon|tue|wed|thu|fri", day, "|")
  split("onsite|remote|hybrid", mode, "|")
  split("team|customers|leaders|families|whole-company", audience, "|")
  split("morning|midday|afternoon|end-of-day", times, "|")

  per_file = 50000
  files = int((n + per_file - 1) / per_file)
  for (i = 0; i < n; i++) {
    if (i % per_file == 0) {
      if (i > 0) {
        close(file)
      }
      file = sprintf("%s/catalog-%d.toml", dir, i / per_file + 1)
      printf "# A synthetic catalog of house ideas, part %d of %d, written by benches/catalog.awk.\n", i / per_file + 1, files > file
    }
    split(kind[pick(kinds)], k, "|")
    title = opener[pick(20)] " " k[1]
    if (pick(3) == 1) {
      title = title " " suffix[pick(8)]
    }
    summary = "Gather " who[pick(6)] " " where[pick(6)] " for " k[4] ". " (pick(2) == 1 ? cover[pick(5)] : tip[pick(6)])
    if (length(summary) < 250) {
      summary = summary " " why[pick(4)]
    }
    if (length(summary) < 240) {
      summary = summary " " tip[pick(6)]
    }

    # Prep steps, due further ahead first; the lead time covers the first.
    steps = pick(3)
    due = 3 + 7 * pick(6)
    prep = ""
    for (s = 1; s <= steps; s++) {
      task = s <= 2 ? k[4 + s] : extra[pick(6)]
      prep = prep sprintf("  { days_before = %d, task = \"%s\" },\n", due, task)
      if (s == 1) {
        lead = due + pick(4) - 1
      }
      due = int(due / 2)
    }

    printf "\n[[idea]]\nid = \"%s-%d\"\ntitle = \"%s\"\nsummary = \"%s\"\ncategory = \"%s\"\n", slug(title), i, title, summary, k[2] > file
    printf "days = %s\n", list(picked, choose(day, 5, pick(3) - 1, picked)) > file
    fixed = pick(5) == 1 ? 0 : 10 * pick(40)
    printf "cost = { fixed = %d, per_person = %s }\n", fixed, pick(4) == 1 ? "0" : sprintf("%d.%d0", pick(25), pick(10) - 1) > file
    printf "duration_minutes = %d\n", k[3] > file
    printf "modes = %s\n", list(picked, choose(mode, 3, pick(3), picked)) > file
    printf "audience = %s\n", list(picked, choose(audience, 5, pick(2), picked)) > file
    printf "lead_time_days = %d\nprep = [\n%s]\n", lead, prep > file
    printf "off_queue = %s\nsource = \"%s\"\n", pick(2) == 1 ? "true" : "false", sources[pick(9)] > file
    if (pick(5) == 1) {
      printf "time = \"%s\"\n", times[pick(4)] > file
    }
  }
  close(file)
}
