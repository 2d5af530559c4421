/**
 * Frequent English words for the language check: function words, common verbs and their contractions,
 * everyday chat and support vocabulary, and common sentiment words. Hand-picked, about 480 words; a real
 * English message of a few words almost always uses several of them, a message in another language
 * rarely does (a few, such as "in", "so", "a", "no", are shared with other languages).
 */
export const COMMON_ENGLISH_WORDS: ReadonlySet<string> = new Set(
  `
a about above after again against ago all almost also always am an and another any anyone anything are
aren't around as at away back be because been before being below between both but by can can't cannot
could couldn't did didn't do does doesn't doing don't done down during each either else enough even ever
every everything few for from further get gets getting got had hadn't has hasn't have haven't having he
he's her here hers herself him himself his how i i'd i'll i'm i've if in into is isn't it it's its itself
just least less let's like may me might mine more most much must my myself neither never no nobody nor
not nothing now of off often on once one only or other our ours ourselves out over own please quite
rather really same she should shouldn't since so some someone something still such than that that's the
their theirs them themselves then there there's these they they'd they'll they're they've this those
though through till to too under until up upon us very was wasn't we we'd we'll we're we've were weren't
what what's when where where's whether which while who who's whom whose why will with within without
won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
able ask asked asking become began begin being believe bring brought buy call called came change come
coming could find found gave give given go goes going gone happen happened help helped keep kept know
known knew leave left let look looked looking lose lost made make makes making mean meant need needed
needs open opened order ordered pay paid put read received receive return returned said say see seem
seen send sent show showed start started stop stopped take taken tell thank thanks think thought told
took tried try trying turn understand use used using wait waited waiting want wanted wants went work
worked working works write wrong
again account answer app bill billing card charge charged code customer day days delivery email error
everyone fix issue issues item language message minute minutes money month months number order orders
package page password payment people person phone plan price problem problems product products question
questions refund reply request service shipping site someone subscription support team thing things
time times today tomorrow update week weeks website year years yesterday
ok okay yes yeah yep nope hi hello hey bye goodbye sorry sure thanks thx ty lol omg wow welcome cheers
dear great good bad best better worse worst awful terrible horrible amazing awesome excellent fantastic
fine happy sad angry upset love loved hate hated like liked nice poor perfect slow fast easy hard
broken useless helpful unhelpful disappointed disappointing frustrated frustrating annoying annoyed
satisfied unhappy glad pleased rude kind quick late early new old big small long short first last next
high low right real whole free expensive cheap
`
    .split(/\s+/)
    .filter((word) => word !== ''),
);
