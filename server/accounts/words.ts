// Pupil passwords are three words from this list and two digits ("sunnytigerapple42"). Every word
// is short, concrete and known to a 5-year-old, with nothing about bodies, looks, food that can be
// used as an insult, violence or anything a child could be teased with. tests/integration/
// pupil-words.test.ts checks each word, and every ordered pair run together, against
// OFFENSIVE_FRAGMENTS and OFFENSIVE_PAIRS, so a word added later can't make a rude combination.

export const CHILD_SAFE_WORDS = [
  "acorn", "apple", "apron", "arrow", "badge", "bagel", "banjo", "basket", "beach", "bell",
  "bench", "berry", "bike", "blue", "boat", "book", "boot", "bread", "brick", "bridge",
  "broom", "bucket", "bunny", "cabin", "cake", "camel", "candle", "canoe", "card", "carrot",
  "castle", "cello", "chair", "chalk", "cherry", "chess", "circle", "cliff", "clock", "cloud",
  "clover", "coral", "crayon", "cricket", "crown", "cube", "cupcake", "daisy", "desk", "dolphin",
  "door", "dragon", "drum", "duck", "eagle", "easel", "elf", "engine", "fern", "ferry",
  "fiddle", "field", "flag", "flute", "forest", "fox", "frog", "garden", "gate", "gecko",
  "giraffe", "glove", "goose", "green", "harbour", "harp", "hedge", "helmet", "hill", "honey",
  "hoop", "horse", "island", "jacket", "jelly", "jigsaw", "jungle", "kayak", "kettle", "kite",
  "kitten", "koala", "ladder", "lake", "lamp", "lemon", "lily", "lion", "lizard", "llama",
  "lolly", "magnet", "maple", "marble", "meadow", "melon", "mitten", "moon", "moth", "mouse",
  "muffin", "nest", "noodle", "oak", "ocean", "orange", "otter", "owl", "paddle", "panda",
  "parrot", "pasta", "pebble", "pencil", "penguin", "pillow", "planet", "plum", "pond", "pony",
  "puffin", "puppy", "purple", "puzzle", "quilt", "radio", "rain", "red", "river", "robin",
  "robot", "rocket", "rose", "ruler", "sail", "salad", "sandal", "scarf", "ship", "silver",
  "sledge", "snail", "snow", "sock", "stone", "sugar", "summer", "sun", "table", "teapot",
  "tent", "tiger", "toast", "tomato", "train", "tree", "trumpet", "tulip", "turtle", "violin",
  "wagon", "walrus", "whale", "window", "wolf", "yacht", "yellow", "yoyo",
] as const;

// Anything that reads as rude, unkind or frightening, wherever it appears in a word or across
// the join of two words ("pen" + "island" would hide "penis"). Lower-case, letters only.
export const OFFENSIVE_FRAGMENTS = [
  "anal", "anus", "arse", "ass", "bitch", "bollock", "boob", "bum", "butt", "cock", "crap", "cum", "cunt",
  "damn", "dick", "dead", "die", "dildo", "dumb", "dyke", "fag", "fart", "fat", "fck", "fuck", "fuk", "gay",
  "god", "gun", "hate", "hell", "homo", "hore", "idiot", "jew", "kill", "knob", "kkk", "lesbo", "loser",
  "nazi", "nig", "nob", "nude", "orgy", "pee", "penis", "pig", "piss", "poo", "porn", "prick", "pube",
  "rape", "retard", "scum", "sex", "shag", "shit", "slag", "slut", "smelly", "spaz", "stupid", "suck",
  "tart", "tit", "turd", "twat", "ugly", "vagina", "wank", "wee", "whore", "willy", "xxx",
] as const;

// Two harmless words that are unkind side by side ("silly" is not on the list, but a later
// adjective could be): checked in both orders.
export const OFFENSIVE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["fat", "cow"],
  ["fat", "pig"],
  ["dumb", "donkey"],
  ["cow", "bag"],
  ["brown", "nose"],
  ["sausage", "roll"],
  ["banana", "boat"],
  ["dragon", "breath"],
  ["bin", "bag"],
  ["cream", "pie"],
  ["monkey", "face"],
  ["big", "nose"],
];

/** Why this run of words (in this order, as typed together) is unsuitable, or null when it is fine. */
export function offensiveReason(words: readonly string[]): string | null {
  const joined = words.join("");
  const fragment = OFFENSIVE_FRAGMENTS.find((f) => joined.includes(f));
  if (fragment) return `contains "${fragment}"`;
  for (let i = 0; i < words.length; i++)
    for (let j = 0; j < words.length; j++)
      if (i !== j && OFFENSIVE_PAIRS.some(([a, b]) => words[i] === a && words[j] === b)) return `"${words[i]} ${words[j]}" is unkind`;
  return null;
}
