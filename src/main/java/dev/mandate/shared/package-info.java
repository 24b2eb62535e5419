/**
 * The shared kernel: identifiers, the acting person, the auditable-event contract and the errors that every
 * module uses alike. It depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.mandate.shared;
