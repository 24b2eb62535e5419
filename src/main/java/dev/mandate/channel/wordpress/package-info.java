/**
 * The WordPress connector: a blog's comments, held and spam-marked ones included, and the posts they sit under, read
 * through the WordPress REST API; replies as the brand; approving, holding, marking as spam and trashing comments.
 */
package dev.mandate.channel.wordpress;
