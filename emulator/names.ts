/**
 * Name and place lists for synthetic people. Children's and adults' names are drawn from
 * different lists so that pupils, parents and staff look like the generations they belong to;
 * both mix long-established British names with names common in Britain's South Asian,
 * African, Caribbean, Eastern European, Irish, Welsh, Scottish, Chinese and Middle Eastern
 * families. Phone numbers come from Ofcom's ranges reserved for drama (never allocated).
 */

export const CHILD_NAMES_MALE = [
  "Oliver", "George", "Noah", "Arthur", "Harry", "Leo", "Muhammad", "Jack", "Charlie", "Oscar",
  "Jacob", "Henry", "Thomas", "Freddie", "Alfie", "Theo", "William", "Theodore", "Archie",
  "Joshua", "Alexander", "James", "Isaac", "Edward", "Lucas", "Tommy", "Finley", "Max", "Logan",
  "Ethan", "Mohammed", "Teddy", "Benjamin", "Arlo", "Joseph", "Sebastian", "Harrison", "Elijah",
  "Adam", "Daniel", "Samuel", "Louie", "Mason", "Reuben", "Albie", "Rory", "Jude", "Hugo",
  "Ronnie", "Louis", "Dylan", "Zachary", "Ibrahim", "Ali", "Yusuf", "Omar", "Ayaan", "Rayan",
  "Zain", "Hamza", "Aarav", "Arjun", "Rohan", "Dev", "Krish", "Vihaan", "Kai", "Jaskaran",
  "Oluwaseun", "Tobi", "Chidi", "Emeka", "Kwame", "Kofi", "Tunde", "Femi", "Jakub", "Filip",
  "Szymon", "Kacper", "Antoni", "Luca", "Matteo", "Mateo", "Ryan", "Callum", "Kieran", "Lewis",
  "Connor", "Cian", "Owen", "Rhys", "Dafydd", "Gethin", "Euan", "Fraser", "Hamish", "Ewan",
  "Jamal", "Marcus", "Andre", "Malik", "Jayden", "Tyler", "Kian", "Riley", "Liam", "Aiden",
  "Nathan", "Luke", "Matthew", "Michael", "Patrick", "Niall", "Eoin", "Wei", "Jun", "Minh",
  "Bilal", "Hassan", "Idris", "Abdullah", "Musa", "Yahya", "Ilyas", "Reggie", "Stanley",
  "Frankie", "Bobby", "Elliot", "Toby", "Jasper", "Felix", "Rufus", "Harvey", "Jenson",
  "Dexter", "Ezra", "Enzo", "Nico", "Gabriel", "Raphael", "Ahmed", "Tariq", "Amir", "Kayden",
] as const;

export const CHILD_NAMES_FEMALE = [
  "Olivia", "Amelia", "Isla", "Ava", "Lily", "Freya", "Ivy", "Florence", "Isabella", "Mia",
  "Willow", "Rosie", "Sophia", "Isabelle", "Grace", "Daisy", "Sienna", "Poppy", "Elsie",
  "Emily", "Ella", "Evelyn", "Phoebe", "Sofia", "Evie", "Charlotte", "Harper", "Millie",
  "Matilda", "Maya", "Sophie", "Alice", "Emilia", "Isabel", "Ruby", "Luna", "Maisie", "Aria",
  "Penelope", "Mila", "Bonnie", "Eva", "Hallie", "Eliza", "Ada", "Violet", "Esme", "Arabella",
  "Imogen", "Jessica", "Delilah", "Thea", "Layla", "Aisha", "Maryam", "Zara", "Inaaya",
  "Fatima", "Hafsa", "Khadija", "Amira", "Noor", "Zainab", "Hana", "Anaya", "Aadhya", "Priya",
  "Diya", "Saanvi", "Simran", "Jasleen", "Amani", "Adaeze", "Chiamaka", "Zoe", "Tiwa",
  "Ifeoma", "Abena", "Ama", "Nia", "Zuri", "Maja", "Zofia", "Hanna", "Lena", "Julia",
  "Wiktoria", "Amelie", "Giulia", "Chiara", "Aoife", "Niamh", "Saoirse", "Ciara", "Erin",
  "Cerys", "Ffion", "Seren", "Megan", "Eilidh", "Skye", "Iona", "Kayla", "Jade", "Tia",
  "Leah", "Chloe", "Hannah", "Lucy", "Amber", "Holly", "Molly", "Lola", "Lexi", "Orla",
  "Mei", "Xin", "Linh", "Yasmin", "Safa", "Maryama", "Hodan", "Ayan", "Iman", "Elif",
  "Defne", "Nadia", "Leila", "Sara", "Beatrice", "Clara", "Edith", "Margot", "Nell",
] as const;

export const ADULT_NAMES_MALE = [
  "Paul", "Mark", "David", "Andrew", "Richard", "Robert", "Peter", "Michael", "Stephen",
  "Christopher", "Matthew", "James", "John", "Daniel", "Simon", "Gary", "Darren", "Lee",
  "Craig", "Wayne", "Ian", "Neil", "Martin", "Kevin", "Jason", "Stuart", "Nigel", "Adrian",
  "Jonathan", "Philip", "Graham", "Dean", "Carl", "Scott", "Ben", "Tom", "Sam", "Chris",
  "Gareth", "Rhodri", "Alun", "Iain", "Alasdair", "Duncan", "Ciaran", "Sean", "Declan",
  "Imran", "Asif", "Tariq", "Kamran", "Nadeem", "Shahid", "Rizwan", "Faisal", "Zubair",
  "Sanjay", "Rajesh", "Vikram", "Amit", "Nikhil", "Harpreet", "Gurdeep", "Manjit", "Sukhwinder",
  "Olumide", "Chukwuemeka", "Adebayo", "Kwabena", "Yaw", "Babatunde", "Tendai", "Desmond",
  "Winston", "Clive", "Delroy", "Marek", "Tomasz", "Piotr", "Pawel", "Krzysztof", "Andrzej",
  "Marius", "Florin", "Giuseppe", "Marco", "Luis", "Carlos", "Abdi", "Mahad", "Ahmed",
  "Hassan", "Mustafa", "Karim", "Wei", "Jian", "Hung", "Mehmet", "Emre", "Nikos", "Anthony",
  "Jamie", "Ross", "Ryan", "Luke", "Adam", "Nathan", "Oliver", "Edward", "William", "Henry",
] as const;

export const ADULT_NAMES_FEMALE = [
  "Sarah", "Claire", "Emma", "Rachel", "Nicola", "Joanne", "Lisa", "Kelly", "Helen", "Louise",
  "Amanda", "Victoria", "Kerry", "Gemma", "Laura", "Karen", "Julie", "Michelle", "Donna",
  "Samantha", "Jennifer", "Catherine", "Elizabeth", "Rebecca", "Hannah", "Charlotte", "Amy",
  "Jessica", "Lucy", "Zoe", "Natalie", "Stacey", "Leanne", "Kirsty", "Fiona", "Lorraine",
  "Marie", "Denise", "Tracey", "Alison", "Jane", "Susan", "Katie", "Sophie", "Holly", "Jade",
  "Siobhan", "Aoife", "Niamh", "Sinead", "Rhiannon", "Sian", "Ffion", "Bethan", "Mairi",
  "Nadia", "Fatima", "Ayesha", "Shabana", "Nasreen", "Parveen", "Rubina", "Saima", "Samina",
  "Priya", "Anjali", "Sunita", "Asha", "Meena", "Kiran", "Harjit", "Rajinder", "Manpreet",
  "Ngozi", "Chioma", "Funmilayo", "Abena", "Yetunde", "Folasade", "Adwoa", "Grace", "Precious",
  "Marcia", "Beverley", "Sharon", "Agnieszka", "Katarzyna", "Magdalena", "Joanna",
  "Aleksandra", "Monika", "Ioana", "Elena", "Francesca", "Maria", "Ana", "Hodan", "Fadumo",
  "Amina", "Leila", "Mei", "Li", "Thuy", "Ayse", "Eleni", "Anna", "Caroline", "Ruth",
  "Esther", "Naomi", "Eleanor", "Harriet", "Abigail", "Georgina", "Megan", "Chloe",
] as const;

export const SURNAMES = [
  "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
  "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
  "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner",
  "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker",
  "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker",
  "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter",
  "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards",
  "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Wilkinson",
  "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain",
  "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd",
  "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey",
  "Graham", "Pearson", "Ahmed", "Fletcher", "Walsh", "Kaur", "Gibson", "Howard", "Andrews",
  "Stewart", "Elliott", "Reynolds", "Saunders", "Payne", "Fox", "Ford", "Pearce", "Day",
  "Brooks", "West", "Lawrence", "Cole", "Atkinson", "Bradley", "Spencer", "Gill", "Dawson",
  "Ball", "Burton", "O'Brien", "Watts", "Rose", "Booth", "Perry", "Ryan", "Grant", "Wells",
  "Armstrong", "Francis", "Rees", "Hayes", "Hart", "Hudson", "Newman", "Barrett", "Webster",
  "Hunter", "Gregory", "Carr", "Lowe", "Page", "Marsh", "Riley", "Dunn", "Woods", "Parsons",
  "Berry", "Stone", "Reid", "Holland", "Hawkins", "Harding", "Porter", "Robertson", "Newton",
  "Reed", "Kennedy", "Williamson", "Bird", "Gardner", "Shah", "Dean", "Lane", "Bates",
  "Henderson", "Parry", "Burgess", "Bishop", "Walton", "Burns", "Nicholson", "Shepherd",
  "Ross", "Cross", "Freeman", "Warren", "Nicholls", "Hamilton", "Byrne", "Sutton", "McDonald",
  "Yates", "Hodgson", "Robson", "Curtis", "Hopkins", "O'Connor", "Harper", "Coleman",
  "Watkins", "Moss", "McCarthy", "Chambers", "O'Neill", "Griffin", "Sharp", "Hardy", "Wheeler",
  "Potter", "Osborne", "Johnston", "Gordon", "Doyle", "Wallace", "Jordan", "Hutchinson",
  "Rahman", "Uddin", "Islam", "Chowdhury", "Miah", "Hossain", "Iqbal", "Akhtar", "Mahmood",
  "Butt", "Qureshi", "Malik", "Sharma", "Kumar", "Mistry", "Chauhan", "Joshi", "Desai", "Mehta",
  "Sandhu", "Dhillon", "Okafor", "Adeyemi", "Okonkwo", "Mensah", "Boateng", "Asante",
  "Adebayo", "Nwosu", "Oduya", "Abdi", "Mohamed", "Hassan", "Farah", "Warsame", "Nowak",
  "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Popescu",
  "Ionescu", "Silva", "Santos", "Ferreira", "Rossi", "Russo", "Chen", "Wang", "Li", "Zhang",
  "Liu", "Nguyen", "Tran", "Wong", "Yilmaz", "Demir", "Kaya", "Papadopoulos", "Fernandes",
  "MacLeod", "Fraser", "Sinclair", "Llewellyn", "Pritchard", "Vaughan", "Quinn", "Gallagher",
] as const;

export const STREETS = [
  "Church Road", "Station Road", "Victoria Road", "Park Avenue", "High Street", "Mill Lane",
  "Green Lane", "Manor Road", "Kings Road", "Queens Road", "New Road", "Grange Road",
  "London Road", "Chestnut Close", "Oak Avenue", "Elm Grove", "Willow Way", "Beech Drive",
  "The Crescent", "Springfield Road", "Windsor Road", "York Road", "Albert Road",
  "Highfield Road", "Meadow View", "Orchard Close", "Riverside Walk", "Brook Street",
  "Cedar Court", "Hawthorn Close", "Nelson Street", "Castle Street", "Ash Grove", "Lime Street",
  "Hillside", "Farm Lane", "Stanley Road", "Alexandra Road", "Cromwell Road", "Main Street",
] as const;

export const HOUSE_NAMES = [
  "Rose Cottage", "The Old Rectory", "Ivy House", "The Willows", "Orchard House", "Brookside",
] as const;

/** Fictional numbers: Ofcom keeps these ranges for drama, so they never reach a real person. */
export function mobileNumber(serial: number): string {
  return `07700 900${String(serial % 1000).padStart(3, "0")}`;
}

export function landlineNumber(serial: number): string {
  return serial % 2 === 0
    ? `0113 496 0${String(serial % 1000).padStart(3, "0")}`
    : `020 7946 0${String(serial % 1000).padStart(3, "0")}`;
}

/** Reserved domains for personal email, so a notification from a demo can't reach anyone. */
export const PERSONAL_EMAIL_DOMAINS = ["example.com", "example.org", "example.net"] as const;

/** Lower-case ASCII letters only, for building email local parts from names. */
export function emailSlug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/g, "l")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}
